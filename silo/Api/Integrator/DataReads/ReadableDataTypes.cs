using Ledgerlink.DataTypes;

namespace Ledgerlink.Silo.Api.Integrator.DataReads;

/// <summary>
/// The data types <c>GET /companies/{companyId}/data/{dataType}</c> serves: every Codat data type key Ledgerlink syncs,
/// and <c>accounts</c>, the path Codat's accounting API reads the chart of accounts at.
/// </summary>
public static class ReadableDataTypes
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["accounts"] = DataTypeNames.ChartOfAccounts,
    };

    /// <summary>The data type key a route segment names, or null when it names none.</summary>
    public static string? Resolve(string segment) =>
        DataTypeNames.IsSupported(segment) ? segment : Aliases.GetValueOrDefault(segment);

    public static string Listing { get; } = string.Join(", ", DataTypeNames.All.Concat(Aliases.Keys));

    /// <summary>
    /// A route constraint matching only these segments, so that <c>/data/{dataType}/{id}</c> does not shadow the other
    /// two-segment paths under <c>/data</c> (a GET of <c>/data/queue/invoices</c> stays a 405, not a read of "queue").
    /// </summary>
    public static string RouteConstraint { get; } = $"regex(^({string.Join('|', DataTypeNames.All.Concat(Aliases.Keys))})$)";
}
