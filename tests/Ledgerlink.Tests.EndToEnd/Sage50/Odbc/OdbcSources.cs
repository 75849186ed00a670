using System.Security.Cryptography;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Access.Odbc;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.Tests.Sage50.Odbc;

/// <summary>The ODBC data source as the agent configures it on Linux (unixODBC + the SQLite ODBC driver), and reads through any source.</summary>
public static class OdbcSources
{
    public static OdbcSage50DataSourceFactory Factory(string? demoDriver = null, TimeSpan? busyTimeout = null) =>
        new(new SageLine50OdbcDriver(new FixedOdbcDriverCatalog()), new SqliteDemoOdbcDriver(demoDriver, busyTimeout));

    /// <summary>A data type's records as NDJSON through a source, with their count and SHA-256.</summary>
    public static Task<(int Count, string Sha256)> DigestAsync(ISage50DataSource source, string dataType) =>
        DigestAsync(Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None));

    /// <summary>Records as NDJSON, with their count and SHA-256.</summary>
    public static async Task<(int Count, string Sha256)> DigestAsync(IAsyncEnumerable<Sage50Record> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0;
        await foreach (var record in records)
        {
            hash.AppendData(record.Json.Span);
            hash.AppendData("\n"u8);
            count++;
        }

        return (count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
