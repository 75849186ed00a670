using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>
/// Codat "journalEntries": every live transaction of the audit trail (all types, not only journals JD/JC) with its
/// double entry from AUDIT_JOURNAL, debits positive and credits negative. Summing the lines of all entries per
/// account gives Sage's trial balance; deleted transactions are left out, as Sage leaves them out of its balances.
/// </summary>
public sealed class JournalEntriesReader : IHeaderScopedReader
{
    private static readonly SageSelect Headers = new(
        "AUDIT_HEADER",
        ["HEADER_NUMBER", "TYPE", "DATE", "DETAILS", "DELETED_FLAG"],
        ["DATE_ENTERED", "RECORD_CREATE_DATE", "RECORD_MODIFY_DATE"],
        Where: "DELETED_FLAG = 0",
        OrderBy: "HEADER_NUMBER");

    private static readonly SageSelect Lines = new(
        "AUDIT_JOURNAL",
        ["HEADER_NUMBER", "TRAN_NUMBER", "NOMINAL_CODE", "DETAILS", "AMOUNT", "DELETED_FLAG"],
        ["DEPT_NUMBER", "DEPT_NAME"],
        Where: "DELETED_FLAG = 0",
        OrderBy: "HEADER_NUMBER, TRAN_NUMBER");

    // A journal line is the double entry of one split (same TRAN_NUMBER); the project is kept on the split only.
    private const string LinesWithProjectSql =
        "SELECT j.HEADER_NUMBER, j.TRAN_NUMBER, j.NOMINAL_CODE, j.DETAILS, j.AMOUNT, j.DELETED_FLAG, j.DEPT_NUMBER, j.DEPT_NAME, s.PROJECT_ID "
        + "FROM AUDIT_JOURNAL j LEFT JOIN AUDIT_SPLIT s ON s.TRAN_NUMBER = j.TRAN_NUMBER "
        + "WHERE j.DELETED_FLAG = 0 ORDER BY j.HEADER_NUMBER, j.TRAN_NUMBER";

    private static readonly string[] LinesWithProjectColumns =
        ["HEADER_NUMBER", "TRAN_NUMBER", "NOMINAL_CODE", "DETAILS", "AMOUNT", "DELETED_FLAG", "DEPT_NUMBER", "DEPT_NAME", "PROJECT_ID"];

    public string DataType => DataTypeNames.JournalEntries;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Headers.CountAsync(source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        ReadAsync(source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        ReadAsync(source, scope, cancellationToken);

    private async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope? scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var nominalNames = await Sage50Lookups.LoadNamesAsync(source, "NOMINAL_LEDGER", cancellationToken);
        var writer = new CodatJsonWriter();
        foreach (var chunk in HeaderScope.ChunksOf(scope))
        {
            await foreach (var record in ReadChunkAsync(source, chunk, currencies, nominalNames, writer, cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <summary>Every header, or only those in <paramref name="chunk"/>.</summary>
    private static async IAsyncEnumerable<Sage50Record> ReadChunkAsync(
        ISage50DataSource source, int[]? chunk, SageCurrencies currencies, IReadOnlyDictionary<string, string> nominalNames,
        CodatJsonWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var headers = await Headers.Within(chunk).OpenAsync(source, cancellationToken);
        await using var lines = await HeaderCursor.OpenAsync(await OpenLinesAsync(source, chunk, cancellationToken), cancellationToken);
        int number = headers.Ordinal("HEADER_NUMBER"), type = headers.Ordinal("TYPE"), date = headers.Ordinal("DATE"),
            details = headers.Ordinal("DETAILS"), entered = headers.Ordinal("DATE_ENTERED"), created = headers.Ordinal("RECORD_CREATE_DATE"),
            modified = headers.Ordinal("RECORD_MODIFY_DATE");
        var line = lines.Rows;
        int lineNominal = line.Ordinal("NOMINAL_CODE"), lineDetails = line.Ordinal("DETAILS"), lineAmount = line.Ordinal("AMOUNT");
        var lineTracking = new SageTracking.Ordinals(line);

        while (await headers.ReadAsync(cancellationToken))
        {
            var headerNumber = headers.Int(number);
            var id = CodatJsonWriter.Id(headerNumber);
            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteText("description", headers.Text(details));
            json.WriteDate("postedOn", headers.Date(date));
            json.WriteDate("createdOn", headers.Date(created) ?? headers.Date(entered));
            json.WriteDate("updatedOn", headers.Date(modified));
            if (headers.Text(type) is { } sageType && SageTransactionType.DataTypeOf(sageType) is { } recordType)
            {
                json.WriteStartObject("recordRef");
                json.WriteString("id", id);
                json.WriteString("dataType", recordType);
                json.WriteEndObject();
            }

            json.WriteStartArray("journalLines");
            while (await lines.SeekAsync(headerNumber, cancellationToken))
            {
                var nominal = line.Text(lineNominal);
                json.WriteStartObject();
                json.WriteText("description", line.Text(lineDetails));
                json.WriteMoney("netAmount", line.Money(lineAmount));
                json.WriteString("currency", currencies.BaseCurrency);
                json.WriteRef("accountRef", nominal, "name", nominal is null ? null : nominalNames.GetValueOrDefault(nominal));
                SageTracking.WriteJournalTracking(json, line, lineTracking);
                json.WriteEndObject();
                await lines.MoveNextAsync(cancellationToken);
            }

            json.WriteEndArray();
            json.WriteMetadata(false);
            json.WriteDate("sourceModifiedDate", headers.Date(modified));
            yield return writer.End(id);
        }
    }

    /// <summary>The journal lines with their department, and their split's project when this Sage version has both.</summary>
    private static async Task<SageRows> OpenLinesAsync(ISage50DataSource source, int[]? chunk, CancellationToken cancellationToken)
    {
        var journal = await source.GetColumnsAsync("AUDIT_JOURNAL", cancellationToken);
        var splits = await source.GetColumnsAsync("AUDIT_SPLIT", cancellationToken);
        var required = LinesWithProjectColumns.Take(6);
        if (required.All(journal.Contains) && journal.Contains("DEPT_NUMBER") && journal.Contains("DEPT_NAME")
            && splits.Contains("TRAN_NUMBER") && splits.Contains("PROJECT_ID"))
        {
            var sql = chunk is null
                ? LinesWithProjectSql
                : LinesWithProjectSql.Replace(" ORDER BY", " AND j.HEADER_NUMBER IN " + HeaderScope.InList(chunk.Select(h => (long)h)) + " ORDER BY", StringComparison.Ordinal);
            return await SageRows.QueryAsync(source, sql, LinesWithProjectColumns, cancellationToken);
        }

        return await Lines.Within(chunk).OpenAsync(source, cancellationToken);
    }
}
