using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;

namespace Ledgerlink.Benchmarks.Api;

/// <summary>
/// Companies created before the clock starts, each with a Sage 50 connection, handed out as (company, data type) pairs
/// that were never refreshed: a data type already Queued is refused (409), so every timed refresh needs a fresh pair.
/// </summary>
public sealed class RefreshTargets
{
    private readonly string[] _companies;
    private long _next = -1;

    private RefreshTargets(string[] companies) => _companies = companies;

    public int Capacity => _companies.Length * DataTypeNames.All.Count;

    public long Used => Math.Min(Interlocked.Read(ref _next) + 1, Capacity);

    public static async Task<RefreshTargets> CreateAsync(HttpClient http, int companies, int concurrency, CancellationToken cancellationToken)
    {
        var ids = new string[companies];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, companies),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var company = await PostAsync(http, "/companies", new { name = $"Benchmark Company {i}" }, ct);
                ids[i] = company["id"]!.GetValue<string>();
                await PostAsync(http, $"/companies/{ids[i]}/connections", new { platformKey = "hbql" }, ct);
            });
        return new RefreshTargets(ids);
    }

    /// <summary>The next unused pair's refresh path. Companies vary fastest, so concurrent calls rarely queue behind one company grain.</summary>
    public string NextPath()
    {
        var n = Interlocked.Increment(ref _next);
        if (n >= Capacity)
        {
            throw new InvalidOperationException($"All {Capacity} pre-created company × data type pairs are used; raise --companies.");
        }

        var company = _companies[n % _companies.Length];
        var dataType = DataTypeNames.All[(int)(n / _companies.Length)];
        return $"/companies/{company}/data/queue/{dataType}";
    }

    public string Company(int index) => _companies[index % _companies.Length];

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!
            : throw new HttpRequestException($"Setup POST {path} answered {(int)response.StatusCode}: {text}");
    }
}
