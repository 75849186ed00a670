using System.Globalization;
using System.Runtime.CompilerServices;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// A SELECT over one Sage table by its ODBC names. Required columns must exist (else the company is a Sage version
/// Ledgerlink cannot read); optional ones are selected only when this company has them. Columns the query does not
/// name are ignored, so later Sage versions with extra columns read the same.
/// </summary>
/// <param name="Where">SQL condition over required columns only, with literal values (the readers' own constants).</param>
/// <param name="OrderBy">Required columns giving a stable order (Sage's keys), so two reads give the same records.</param>
public sealed record SageSelect(
    string Table,
    IReadOnlyList<string> Required,
    IReadOnlyList<string>? Optional = null,
    string? Where = null,
    string? OrderBy = null)
{
    public async Task<SageRows> OpenAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        var available = await source.GetColumnsAsync(Table, cancellationToken);
        CheckRequired(available);
        var selected = Required.Concat((Optional ?? []).Where(available.Contains)).ToList();
        var sql = $"SELECT {string.Join(", ", selected)} FROM {Table}{WhereClause}{(OrderBy is null ? "" : " ORDER BY " + OrderBy)}";
        var reader = await source.ExecuteReaderAsync(sql, cancellationToken);
        return new SageRows(reader, selected);
    }

    /// <summary>
    /// The rows, every one (<paramref name="values"/> null) or those whose <paramref name="column"/> is one of
    /// <paramref name="values"/>, one statement per <see cref="HeaderScope.ChunkSize"/> values in ascending order. Each
    /// result is disposed when the next is asked for.
    /// </summary>
    public async IAsyncEnumerable<SageRows> OpenEachAsync(
        ISage50DataSource source, string column, IEnumerable<int>? values, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in values is null ? [null] : values.Distinct().Order().Chunk(HeaderScope.ChunkSize).Cast<int[]?>())
        {
            await using var rows = await (chunk is null ? this : Within(column, chunk)).OpenAsync(source, cancellationToken);
            yield return rows;
        }
    }

    public async Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        CheckRequired(await source.GetColumnsAsync(Table, cancellationToken));
        await using var reader = await source.ExecuteReaderAsync($"SELECT COUNT(*) FROM {Table}{WhereClause}", cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The same SELECT limited to the headers of a scope chunk; unchanged when <paramref name="headers"/> is null (every header).</summary>
    public SageSelect Within(int[]? headers) => headers is null ? this : Within("HEADER_NUMBER", headers);

    /// <summary>The same SELECT limited to rows whose <paramref name="column"/> is one of <paramref name="numbers"/>.</summary>
    public SageSelect Within(string column, IEnumerable<int> numbers) => Within(column, HeaderScope.InList(numbers.Select(n => (long)n)));

    /// <summary>The same SELECT with <c>AND {column} IN {list}</c>, the list already literal SQL.</summary>
    public SageSelect Within(string column, string inList) =>
        this with { Where = (Where is null ? "" : "(" + Where + ") AND ") + column + " IN " + inList };

    private string WhereClause => Where is null ? "" : " WHERE " + Where;

    private void CheckRequired(IReadOnlySet<string> available)
    {
        if (available.Count == 0)
        {
            throw new Sage50AccessException(Sage50AccessProblem.UnsupportedVersion,
                $"This Sage 50 company has no {Table} table, which Ledgerlink needs. Ledgerlink reads Sage 50 Accounts v23 or later.");
        }

        var missing = Required.Where(c => !available.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new Sage50AccessException(Sage50AccessProblem.UnsupportedVersion,
                $"This Sage 50 company's {Table} table has no {string.Join(", ", missing)} column, which Ledgerlink needs. Ledgerlink reads Sage 50 Accounts v23 or later.");
        }
    }
}
