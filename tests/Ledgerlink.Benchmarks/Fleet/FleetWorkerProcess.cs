using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>
/// A worker process as the benchmark sees it: its StartPull arrivals (pull operation id → Stopwatch timestamp), its
/// latest totals, and a line down its stdin to start or stop the syncing share. Disposing kills it.
/// </summary>
internal sealed class FleetWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, long> _arrivals;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _heartbeats;
    private long _pulls;
    private long _syncingPulls;
    private long _failureCount;
    private int _connected;

    private FleetWorkerProcess(Process process, ConcurrentDictionary<string, long> arrivals)
    {
        _process = process;
        _arrivals = arrivals;
    }

    public Task Ready => _ready.Task;

    public int Connected => Volatile.Read(ref _connected);

    public long Heartbeats => Interlocked.Read(ref _heartbeats);

    public long Pulls => Interlocked.Read(ref _pulls);

    public long SyncingPulls => Interlocked.Read(ref _syncingPulls);

    public long Failures => Interlocked.Read(ref _failureCount);

    public IEnumerable<string> FailureLines => _failures;

    /// <summary>What this client process holds in memory now (its agents' connections, clients and loops).</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
    }

    /// <summary>Starts <c>dotnet exec</c> of this benchmark's own assembly with the hidden worker subcommand.</summary>
    public static FleetWorkerProcess Start(FleetWorkerSettings settings, ConcurrentDictionary<string, long> arrivals)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(FleetWorkerProcess).Assembly.Location);
        foreach (var argument in settings.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        // Workers stand in for many small PCs: the workstation GC keeps each one's heap small (the benchmark itself uses
        // the server GC), so more connections fit on the machine.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new FleetWorkerProcess(process, arrivals);
        process.OutputDataReceived += (_, e) => worker.Read(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Read(e.Data is null ? null : $"{FleetProtocol.Failure} stderr: {e.Data}");
        process.Exited += (_, _) => worker._ready.TrySetException(
            new InvalidOperationException($"A fleet worker exited before it was ready.\n{string.Join('\n', worker._failures)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public Task SendAsync(string order) => _process.StandardInput.WriteLineAsync(order);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        var parts = line.Split(' ');
        switch (parts[0])
        {
            case FleetProtocol.Arrived when parts.Length == 3:
                _arrivals[parts[1]] = long.Parse(parts[2], CultureInfo.InvariantCulture);
                break;
            case FleetProtocol.Totals when parts.Length == 5:
                Interlocked.Exchange(ref _heartbeats, long.Parse(parts[1], CultureInfo.InvariantCulture));
                Interlocked.Exchange(ref _pulls, long.Parse(parts[2], CultureInfo.InvariantCulture));
                Interlocked.Exchange(ref _syncingPulls, long.Parse(parts[3], CultureInfo.InvariantCulture));
                Interlocked.Exchange(ref _failureCount, long.Parse(parts[4], CultureInfo.InvariantCulture));
                break;
            case FleetProtocol.Connected when parts.Length == 2:
                Volatile.Write(ref _connected, int.Parse(parts[1], CultureInfo.InvariantCulture));
                break;
            case FleetProtocol.Ready:
                _ready.TrySetResult();
                break;
            default:
                // Failures, and anything unexpected (an unhandled exception's stack): kept for the report.
                if (_failures.Count < 20)
                {
                    _failures.Enqueue(line);
                }

                break;
        }
    }
}
