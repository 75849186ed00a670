using System.Diagnostics;

namespace Ledgerlink.Benchmarks.Restart;

/// <summary>
/// A process that keeps one core busy until disposed: the office PC's other work (Sage itself, a virus scan) that the
/// agent's restart competes with. A shell loop, so it costs nothing to start and shares no runtime with the benchmark.
/// </summary>
public sealed class CpuSpinner : IDisposable
{
    private readonly Process _process;

    private CpuSpinner(Process process) => _process = process;

    public static CpuSpinner Start() =>
        new(Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "while :; do :; done" }, UseShellExecute = false })
            ?? throw new InvalidOperationException("The CPU-bound process did not start."));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
