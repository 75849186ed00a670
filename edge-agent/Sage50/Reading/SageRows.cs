using System.Data.Common;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// The rows of one query, with columns found by their Sage names. An optional column this company's Sage version
/// lacks has ordinal -1 and reads as "not set", so one reader serves every version.
/// </summary>
public sealed class SageRows(DbDataReader reader, IReadOnlyList<string> columns) : IAsyncDisposable
{
    private readonly Dictionary<string, int> _ordinals = columns
        .Select((name, ordinal) => (name, ordinal))
        .ToDictionary(c => c.name, c => c.ordinal, StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs SQL that joins tables (all columns required), naming its result columns in SELECT order.</summary>
    public static async Task<SageRows> QueryAsync(
        ISage50DataSource source, string sql, IReadOnlyList<string> resultColumns, CancellationToken cancellationToken) =>
        new(await source.ExecuteReaderAsync(sql, cancellationToken), resultColumns);

    public int Ordinal(string column) => _ordinals.TryGetValue(column, out var ordinal) ? ordinal : -1;

    public Task<bool> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

    public string? Text(int ordinal) => SageColumns.Text(reader, ordinal);

    public decimal Money(int ordinal) => SageColumns.Money(reader, ordinal);

    /// <summary>A rate or quantity (not money): the DOUBLE as the nearest decimal with at most six places.</summary>
    public decimal Rate(int ordinal) => Math.Round((decimal)SageColumns.Number(reader, ordinal), 6, MidpointRounding.AwayFromZero);

    public int Int(int ordinal) => SageColumns.Int(reader, ordinal);

    public bool Flag(int ordinal) => SageColumns.Flag(reader, ordinal);

    public DateTime? Date(int ordinal) => SageColumns.Date(reader, ordinal);

    /// <summary>Any column as invariant text, for fingerprints; empty for NULL.</summary>
    public string Value(int ordinal) =>
        reader.IsDBNull(ordinal) ? "" : Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public ValueTask DisposeAsync() => reader.DisposeAsync();
}
