using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// The AUDIT_HEADER numbers an incremental sync reads again: the transactions that changed since the committed
/// version, and those whose records a change reaches (an allocation's other end, a renamed account's postings).
/// Readers take them in ascending chunks, each one <c>HEADER_NUMBER IN (…)</c> on the key, so the SQL stays a
/// single-table SELECT with a short literal list whatever the number of changes.
/// </summary>
public sealed class HeaderScope
{
    /// <summary>Numbers per <c>IN</c> list: short enough for any driver's statement length, long enough to keep statements few.</summary>
    public const int ChunkSize = 500;

    private readonly int[] _headers;

    public HeaderScope(IEnumerable<int> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers.Distinct().Order()];
    }

    public IReadOnlyList<int> Headers => _headers;

    public int Count => _headers.Length;

    public bool Contains(int header) => Array.BinarySearch(_headers, header) >= 0;

    /// <summary>The numbers in ascending order, <see cref="ChunkSize"/> at a time.</summary>
    public IEnumerable<int[]> Chunks() => _headers.Chunk(ChunkSize);

    /// <summary>The chunks of a scope, or one null chunk (every header) for a whole read.</summary>
    public static IEnumerable<int[]?> ChunksOf(HeaderScope? scope)
    {
        IEnumerable<int[]?> every = [null];
        return scope is null ? every : scope.Chunks();
    }

    /// <summary>A literal SQL list of numbers: <c>(1, 2, 3)</c>.</summary>
    public static string InList(IEnumerable<long> numbers) =>
        "(" + string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>A literal SQL list of text values, quotes doubled: <c>('4000', 'O''BRIEN')</c>.</summary>
    public static string InList(IEnumerable<string> values) =>
        "(" + string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'")) + ")";
}
