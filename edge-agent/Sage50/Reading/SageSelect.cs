using System.Globalization;
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

    public async Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        CheckRequired(await source.GetColumnsAsync(Table, cancellationToken));
        await using var reader = await source.ExecuteReaderAsync($"SELECT COUNT(*) FROM {Table}{WhereClause}", cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
    }

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
