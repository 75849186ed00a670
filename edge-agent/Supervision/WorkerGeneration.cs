using System.Globalization;

namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>
/// Which host of this worker process runs: 1 when the process starts, one more after each restart done inside the
/// process (<see cref="WorkerHost"/>). <see cref="WorkerId"/> tells a new worker from outside (the UI's status, the
/// restart page, tests and the restart benchmark), whether the restart made a new process or a new host in it.
/// </summary>
public sealed record WorkerGeneration(int Number)
{
    public string WorkerId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}.{Number}");
}
