using Ledgerlink.Testing.Faults;
using Xunit.Abstractions;

namespace Ledgerlink.Tests.Faults;

/// <summary>
/// The fault campaign (<c>dotnet run -c Release --project tests/Ledgerlink.Benchmarks -- faults</c>) in short: one run
/// of each scenario on a small company sent in small batches, so the sync is still running when the fault strikes.
/// The agent's gateway silo killed on Azure Table and on Redis clustering, and storage stopped at a random point: every
/// run must commit every data type exactly (count and SHA-256), agree in data status, history and reads, answer no
/// 500 meanwhile, and run every refresh it accepted during the fault. A lost silo must cost seconds, not 30.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultCampaignTests(ITestOutputHelper log)
{
    /// <summary>Well under the 30 s a lost silo cost before (Orleans' default response timeout).</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(FaultScenario.SiloKillAzureTable)]
    [InlineData(FaultScenario.SiloKillRedis)]
    [InlineData(FaultScenario.StorageOutage)]
    public async Task A_short_campaign_loses_nothing_and_recovers_within_seconds(FaultScenario scenario)
    {
        using var output = new StringWriter();
        var options = new FaultCampaignOptions([scenario], Runs: 1, Splits: 20_000, Outage: TimeSpan.FromSeconds(10), BatchBytes: 16_384);
        var results = await FaultCampaign.RunAsync(options, output, CancellationToken.None);
        log.WriteLine(output.ToString());

        var run = Assert.Single(results);
        Assert.True(run.Passed, $"{string.Join('\n', run.Problems)}\n{output}");
        Assert.Equal(run.DataTypes, run.ExactDataTypes);
        Assert.True(run.ViewsAgree);
        Assert.Equal(0, run.ServerErrors);
        Assert.Equal(run.AcceptedDuringFault, run.AcceptedRanAfterwards);
        Assert.True(run.RecoverySeconds < RecoveryBound.TotalSeconds, $"recovery took {run.RecoverySeconds:0.0} s\n{output}");
        Console.WriteLine(output.ToString());
    }
}
