using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;

namespace Ledgerlink.Testing.Agent;

/// <summary>
/// A demo company large enough that syncing its journal entries in small batches takes seconds, so a test can
/// interrupt the sync in the middle (detected by polling progress), generated once for the tests that share it.
/// </summary>
public sealed class LargeDemoCompanyFixture : IDisposable
{
    public const int Splits = 60_000;

    private byte[]? _journal;

    public LargeDemoCompanyFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ledgerlink-large-demo-" + Guid.NewGuid().ToString("N"));
        Location = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(Directory, new DemoCompanyOptions(Splits, Seed: 11)));
    }

    public string Directory { get; }

    public Sage50CompanyLocation Location { get; }

    /// <summary>Agent settings that make the journal entries many small batches.</summary>
    public static IReadOnlyDictionary<string, string?> SmallBatches { get; } =
        new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "16384" };

    public async Task<byte[]> JournalEntriesAsync() =>
        _journal ??= await DirectRead.NdjsonAsync(Location, Ledgerlink.DataTypes.DataTypeNames.JournalEntries);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned by the OS.
        }
    }
}
