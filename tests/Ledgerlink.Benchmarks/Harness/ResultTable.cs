using System.Globalization;

namespace Ledgerlink.Benchmarks.Harness;

/// <summary>Prints phase results as a Markdown table, so a run can be pasted into docs/benchmarks as is.</summary>
public static class ResultTable
{
    public static void Write(TextWriter output, IEnumerable<PhaseResult> results)
    {
        output.WriteLine("| phase | ops/s | slowest–fastest slice ops/s | p50 ms | p99 ms | our CPU µs/op | ops | errors |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.PerSecond:N0} | {r.SlowestSlicePerSecond:N0}–{r.FastestSlicePerSecond:N0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.ProcessCpuMicrosecondsPerOperation:N0} | {r.Operations:N0} | {r.Errors:N0} |"));
        }

        foreach (var r in results.Where(r => r.FirstError is not null))
        {
            output.WriteLine($"first error in '{r.Name}': {r.FirstError}");
        }
    }
}
