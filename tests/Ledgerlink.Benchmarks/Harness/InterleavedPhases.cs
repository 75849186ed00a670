namespace Ledgerlink.Benchmarks.Harness;

/// <summary>
/// Runs phases in slices, a few rounds, in a different order every round: load from elsewhere on a shared machine, and
/// whatever the storage service does after a burst of writes, then fall on every phase alike, so their ratios hold even
/// when the absolute figures wobble.
/// </summary>
public static class InterleavedPhases
{
    public static async Task<List<PhaseResult>> RunAsync(
        (string Name, ClosedLoop Loop)[] phases,
        int rounds,
        TimeSpan warmup,
        TimeSpan slice,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        var samples = phases.Select(_ => new List<PhaseSample>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            // A fixed seed per round: runs are comparable, yet no phase always follows the same one.
            var order = Enumerable.Range(0, phases.Length).ToArray();
            new Random(round).Shuffle(order);
            output.WriteLine($"round {round + 1}/{rounds}: {string.Join(", ", order.Select(p => phases[p].Name.Split(" (")[0]))}");
            foreach (var p in order)
            {
                samples[p].Add(await phases[p].Loop.RunAsync(samples[p].Count == 0 ? warmup : TimeSpan.Zero, slice, cancellationToken));
            }
        }

        return [.. phases.Select((phase, p) => PhaseResult.From(phase.Name, samples[p]))];
    }

    /// <summary>The 1/5/15-minute load average: other work on the machine skews every figure, so it is printed with them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
