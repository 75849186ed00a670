using System.Globalization;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;

namespace Ledgerlink.Testing.Faults;

/// <summary>A company's sync as its pull operation history shows it: status per data type and records stored so far.</summary>
public sealed record SyncProgress(IReadOnlyDictionary<string, string> Statuses, long Stored)
{
    public bool Finished => Statuses.Count == DataTypeNames.All.Count && Statuses.Values.All(s => s is not ("Queued" or "Fetching"));

    public IEnumerable<string> Fetching => Statuses.Where(s => s.Value == "Fetching").Select(s => s.Key).Order(StringComparer.Ordinal);

    public int Complete => Statuses.Values.Count(s => s == "Complete");

    public static SyncProgress From(JsonNode history)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        long stored = 0;
        foreach (var operation in history["results"]!.AsArray())
        {
            // Newest first: the first operation seen for a data type is its latest.
            var dataType = operation!["dataType"]!.GetValue<string>();
            if (statuses.TryAdd(dataType, operation["status"]!.GetValue<string>()))
            {
                stored += operation["recordCount"]!.GetValue<long>();
            }
        }

        return new SyncProgress(statuses, stored);
    }

    /// <summary>The history now, or null when the API did not answer 200 (a fault may be under way).</summary>
    public static async Task<SyncProgress?> ReadAsync(HttpClient http, string companyId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"/companies/{companyId}/data/history?pageSize=100", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? From(JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!) : null;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Complete}/{DataTypeNames.All.Count} complete, {Stored:N0} records stored, fetching {(Fetching.Any() ? string.Join(", ", Fetching) : "nothing")}");
}
