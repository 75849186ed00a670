using Ledgerlink.EdgeAgent.Sync.Incremental;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Tests.Incremental;

/// <summary>The pulls of one round share a probe of Sage only while the company's files are exactly as they were.</summary>
public sealed class RecentSageProbesTests : IDisposable
{
    private readonly string _company = Path.Combine(Path.GetTempPath(), "ledgerlink-probes-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_probe_is_reused_until_a_company_file_is_written_or_a_minute_has_passed()
    {
        var accData = Directory.CreateDirectory(Path.Combine(_company, "ACCDATA")).FullName;
        var data = Path.Combine(accData, "sage50.sqlite");
        await File.WriteAllTextAsync(data, "first");
        var time = new ManualTimeProvider();
        var probes = new RecentSageProbes(time);
        var taken = 0;
        Task<string> Probe() => Task.FromResult("probe " + Interlocked.Increment(ref taken));

        Assert.Equal("probe 1", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));
        Assert.Equal("probe 1", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));
        Assert.Equal("probe 2", await probes.GetOrTakeAsync(_company, "another probe", Probe, CancellationToken.None));

        // Sage wrote to the company (a posting, a restored backup): the data may differ, so it is probed again.
        await File.WriteAllTextAsync(data, "second, longer");
        Assert.Equal("probe 3", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));
        await File.WriteAllTextAsync(Path.Combine(accData, "new.dta"), "x");
        Assert.Equal("probe 4", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));
        Assert.Equal("probe 4", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));

        time.Advance(RecentSageProbes.ReuseFor);
        Assert.Equal("probe 5", await probes.GetOrTakeAsync(_company, "watermark", Probe, CancellationToken.None));

        // A folder that cannot be listed is never reused.
        var missing = Path.Combine(_company, "gone");
        Directory.CreateDirectory(missing);
        Assert.Equal("probe 6", await probes.GetOrTakeAsync(missing, "watermark", Probe, CancellationToken.None));
        Assert.Equal("probe 7", await probes.GetOrTakeAsync(missing, "watermark", Probe, CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(_company))
        {
            Directory.Delete(_company, recursive: true);
        }
    }
}
