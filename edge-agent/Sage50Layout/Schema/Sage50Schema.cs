using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Schema;

/// <summary>
/// The published Sage 50 UK ODBC columns of the tables Ledgerlink reads (sage50-odbc-columns.tsv: the rows of those
/// tables, unchanged, from the column list in shared/reference/sage50/odbc-columns.tsv, documented for Sage 50 v23–v26).
/// The demo company is created from it, so every query the readers run is checked against Sage's real names.
/// </summary>
public static class Sage50Schema
{
    private const string ResourceName = "Ledgerlink.EdgeAgent.Sage50.Schema.sage50-odbc-columns.tsv";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<Sage50Column>>> ByTable = new(Load);

    public static IReadOnlyList<Sage50Column> Columns(string table) =>
        ByTable.Value.TryGetValue(table, out var columns)
            ? columns
            : throw new ArgumentException($"{table} is not one of the Sage 50 tables Ledgerlink knows.", nameof(table));

    private static IReadOnlyDictionary<string, IReadOnlyList<Sage50Column>> Load()
    {
        using var stream = typeof(Sage50Schema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var text = new StreamReader(stream);
        var tables = new Dictionary<string, IReadOnlyList<Sage50Column>>(StringComparer.Ordinal);
        _ = text.ReadLine(); // header: table, column, type, length, precision, description, example
        while (text.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            var column = new Sage50Column(fields[0], fields[1], fields[2], int.Parse(fields[3], CultureInfo.InvariantCulture), fields[5]);
            if (!tables.TryGetValue(column.Table, out var columns))
            {
                tables.Add(column.Table, columns = new List<Sage50Column>());
            }

            ((List<Sage50Column>)columns).Add(column);
        }

        return tables;
    }
}
