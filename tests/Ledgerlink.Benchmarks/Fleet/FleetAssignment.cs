using System.Globalization;

namespace Ledgerlink.Benchmarks.Fleet;

/// <summary>One agent a worker process runs: the company (licence key) it links with the integrator's link code.</summary>
internal sealed record FleetAssignment(string CompanyId, string LinkCode, bool Syncing)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{CompanyId}\t{LinkCode}\t{(Syncing ? 1 : 0)}");

    public static FleetAssignment Parse(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 3
            ? new FleetAssignment(parts[0], parts[1], parts[2] == "1")
            : throw new FormatException($"Not an assignment line: '{line}'.");
    }
}
