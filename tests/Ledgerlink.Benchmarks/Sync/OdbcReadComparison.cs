using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Access.Odbc;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.Benchmarks.Sync;

/// <summary>
/// <c>sync --odbc</c>: the agent's first stage (every data type through the readers into NDJSON chunks) over the same
/// company read two ways in one run: the SQLite file opened directly, and through ODBC (unixODBC with the SQLite ODBC
/// driver, as an agent configured with <c>Sage50:Source=Odbc</c> reads the demo). Rounds alternate which goes first;
/// each read is checked record for record (count and SHA-256 per data type) against the other.
/// </summary>
public static class OdbcReadComparison
{
    public static async Task RunAsync(Sage50CompanyLocation location, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        var ways = new (string Name, ISage50DataSourceFactory Factory)[]
        {
            ("direct SQLite (Microsoft.Data.Sqlite)", new SqliteSage50DataSourceFactory()),
            ("ODBC (unixODBC + SQLite ODBC driver)", new OdbcSage50DataSourceFactory(
                new SageLine50OdbcDriver(new FixedOdbcDriverCatalog()), new SqliteDemoOdbcDriver())),
        };
        var seconds = ways.ToDictionary(w => w.Name, _ => new List<double>());
        var digests = new Dictionary<string, Dictionary<string, (long Records, string Sha256)>>();
        long records = 0, jsonBytes = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, factory) in round % 2 == 0 ? ways : ways.Reverse())
            {
                var read = await ReadAsync(factory, location, cancellationToken);
                seconds[name].Add(read.Seconds);
                digests[name] = read.Digests;
                (records, jsonBytes) = (read.Records, read.JsonBytes);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}, {name}: {read.Seconds:N1} s, {read.Records:N0} records, load average {InterleavedPhases.LoadAverage()}"));
            }
        }

        var mismatches = DataTypeNames.All.Where(t => digests[ways[0].Name][t] != digests[ways[1].Name][t]).ToList();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"read (every data type, readers + chunker)",-44} {"seconds",8} {"records/s",10} {"MB/s",7}");
        foreach (var (name, _) in ways)
        {
            var median = Median(seconds[name]);
            table.AppendLine(CultureInfo.InvariantCulture, $"{name,-44} {median,8:N1} {records / median,10:N0} {jsonBytes / 1e6 / median,7:N1}");
        }

        await output.WriteLineAsync(table.ToString());
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"records {records:N0}; JSON {jsonBytes / 1e6:N1} MB; ODBC / direct throughput = {Median(seconds[ways[0].Name]) / Median(seconds[ways[1].Name]):N2}; " +
            $"same records both ways (count + SHA-256 per data type): {(mismatches.Count == 0 ? "yes, all 14" : "NO: " + string.Join(", ", mismatches))}; " +
            $"load average {InterleavedPhases.LoadAverage()}"));
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException($"ODBC and direct SQLite reads differ for {string.Join(", ", mismatches)}.");
        }
    }

    private static async Task<(double Seconds, long Records, long JsonBytes, Dictionary<string, (long Records, string Sha256)> Digests)> ReadAsync(
        ISage50DataSourceFactory factory, Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        var chunkBytes = new Ledgerlink.EdgeAgent.Configuration.AgentOptions().BatchBytes;
        var digests = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        long records = 0, jsonBytes = 0;
        var clock = Stopwatch.StartNew();
        foreach (var dataType in DataTypeNames.All)
        {
            await using var source = await factory.OpenAsync(location, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long count = 0;
            await foreach (var chunk in NdjsonChunker.ChunkAsync(Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken), 0, chunkBytes, cancellationToken))
            {
                hash.AppendData(chunk.Buffer, 0, chunk.Length);
                count += chunk.RecordCount;
                jsonBytes += chunk.Length;
            }

            records += count;
            digests[dataType] = (count, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        return (clock.Elapsed.TotalSeconds, records, jsonBytes, digests);
    }

    private static double Median(List<double> runs)
    {
        var sorted = runs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
