using System.Diagnostics;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Xunit.Abstractions;

namespace Ledgerlink.Tests.Sage50;

/// <summary>
/// A 200k-split company: generated and read through, with the rates printed. No rate is asserted: the machine is
/// shared, and a floor tight enough to mean something would fail on a busy one.
/// </summary>
public sealed class DemoCompanyScaleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-scale-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_medium_company_of_200k_splits_generates_and_reads_through()
    {
        var watch = Stopwatch.StartNew();
        var manifest = DemoCompanyGenerator.Generate(_directory, new DemoCompanyOptions(DemoCompanySize.Medium, Seed: 3));
        var generation = watch.Elapsed;

        var rows = manifest.HeaderCount + manifest.SplitCount + manifest.JournalLineCount + manifest.UsageCount;
        var size = new FileInfo(Path.Combine(_directory, "ACCDATA", "sage50.sqlite")).Length;
        output.WriteLine(
            $"generated {manifest.SplitCount:N0} splits ({manifest.HeaderCount:N0} headers, {manifest.JournalLineCount:N0} journal lines, " +
            $"{manifest.UsageCount:N0} allocations) in {generation.TotalSeconds:F1} s: {manifest.SplitCount / generation.TotalSeconds:N0} splits/s, " +
            $"{rows / generation.TotalSeconds:N0} rows/s, {size / 1048576.0:F0} MiB");
        Assert.InRange(manifest.SplitCount, DemoCompanySize.Medium, DemoCompanySize.Medium * 11 / 10);
        Assert.Equal(0m, manifest.TrialBalance.Values.Sum());

        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(DemoCompanyGenerator.LocationOf(manifest), CancellationToken.None);
        foreach (var dataType in new[] { DataTypeNames.Invoices, DataTypeNames.JournalEntries })
        {
            watch.Restart();
            long records = 0, bytes = 0;
            await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None))
            {
                records++;
                bytes += record.Json.Length + 1;
            }

            output.WriteLine($"read {records:N0} {dataType} ({bytes / 1048576.0:F0} MiB of NDJSON) in {watch.Elapsed.TotalSeconds:F1} s: {records / watch.Elapsed.TotalSeconds:N0} records/s");
            Assert.Equal(manifest.RecordCounts[dataType], records);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
