using System.Globalization;
using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.Testing.Agent;

/// <summary>What the Sage 50 readers produce straight from the SQLite file, as NDJSON: the reference a sync must reproduce.</summary>
public static class DirectRead
{
    public static async Task<byte[]> NdjsonAsync(Sage50CompanyLocation location, string dataType)
    {
        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None);
        using var output = new MemoryStream();
        await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None))
        {
            output.Write(record.Json.Span);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    public static int CountLines(byte[] ndjson) => ndjson.Count(b => b == (byte)'\n');

    /// <summary>Sum of every journal line in pennies, per account: the trial balance the synced journal entries give.</summary>
    public static Dictionary<string, long> TrialBalance(byte[] journalEntries)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in System.Text.Encoding.UTF8.GetString(journalEntries).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var entry = JsonDocument.Parse(line);
            foreach (var journalLine in entry.RootElement.GetProperty("journalLines").EnumerateArray())
            {
                var account = journalLine.GetProperty("accountRef").GetProperty("id").GetString()!;
                var pennies = (long)decimal.Round(journalLine.GetProperty("netAmount").GetDecimal() * 100m);
                balances[account] = balances.GetValueOrDefault(account) + pennies;
            }
        }

        return balances;
    }

    public static string Pounds(long pennies) => (pennies / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
