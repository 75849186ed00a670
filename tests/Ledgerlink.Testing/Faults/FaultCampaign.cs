using System.Globalization;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// Faults tried as an operator meets them, each against a full refresh in progress on a fresh cluster: the agent's
/// gateway silo SIGKILLed (Azure Table or Redis clustering) and storage stopped for a while at a random point. Prints
/// a line per run as it ends, then a summary per scenario (runs passed, median and worst recovery).
/// </summary>
public static class FaultCampaign
{
    /// <summary>The bystander company, whose refreshes during a fault must not be lost: small, so they finish fast.</summary>
    private const int BystanderSplits = 1_000;

    public static async Task<IReadOnlyList<FaultRunResult>> RunAsync(FaultCampaignOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var company = await ReferenceCompany.PrepareAsync(options.Splits, options.Seed, output, cancellationToken);
        var bystander = ReferenceCompany.Generate(BystanderSplits, options.Seed, output);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Fault campaign: {options.Splits:N0}-split company ({company.Records:N0} records in {company.Expected.Count} data types), {options.Runs} run(s) per scenario, " +
            $"outage {options.Outage.TotalSeconds:0} s, seed {options.Seed}, {BuiltApplication.Configuration} build, {Environment.ProcessorCount} cores"));
        await output.WriteLineAsync(Header);

        var results = new List<FaultRunResult>();
        foreach (var scenario in options.Scenarios)
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                var result = await new FaultRun(scenario, run, company, bystander, options).RunAsync(cancellationToken);
                results.Add(result);
                await output.WriteLineAsync(Row(result));
                foreach (var problem in result.Problems.Take(5))
                {
                    await output.WriteLineAsync($"      ! {problem}");
                }
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(Summary(results));
        return results;
    }

    private static string Header =>
        $"{"scenario",-36} {"run",3} {"fault at",8} {"recovery",8} {"finished",8} {"exact",6} {"views",5} {"accepted",8} {"API answers meanwhile",-24} {"load",5}  where the fault hit";

    private static string Row(FaultRunResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Scenario.Describe(),-36} {r.Run,3} {r.FaultAtSeconds,7:0.0}s {Seconds(r.RecoverySeconds),8} {Seconds(r.FinishedAfterFaultSeconds),8} " +
        $"{$"{r.ExactDataTypes}/{r.DataTypes}",6} {(r.ViewsAgree ? "agree" : "NO"),5} {$"{r.AcceptedRanAfterwards}/{r.AcceptedDuringFault}",8} {r.Answers,-24} {LoadAverage(),5}  " +
        $"{(r.Passed ? "" : "FAILED ")}{r.FaultPhase}");

    public static string Summary(IReadOnlyList<FaultRunResult> results)
    {
        var lines = new List<string> { $"{"scenario",-36} {"passed",7} {"median recovery",16} {"worst recovery",15} {"500s",5}" };
        foreach (var group in results.GroupBy(r => r.Scenario))
        {
            var recoveries = group.Where(r => r.RecoverySeconds is not null).Select(r => r.RecoverySeconds!.Value).Order().ToArray();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Describe(),-36} {$"{group.Count(r => r.Passed)}/{group.Count()}",7} {Seconds(Median(recoveries)),16} " +
                $"{Seconds(recoveries.Length == 0 ? null : recoveries[^1]),15} {group.Sum(r => r.ServerErrors),5}"));
        }

        lines.Add("recovery: seconds from the fault's end (silo killed, storage back) until records are stored beyond the most seen before it; " +
                  "finished: until every data type's pull ended; exact: data types whose committed dataset has the company's count and SHA-256; " +
                  "accepted: bystander refreshes accepted from the fault until the sync finished that ran to Complete afterwards.");
        return string.Join('\n', lines);
    }

    public static double? Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Seconds(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0}s") : "-";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
