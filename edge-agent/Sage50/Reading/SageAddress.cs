namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>Sage's five address lines (Street1, Street2, Town, County, Post Code) and the record's country code.</summary>
public readonly record struct SageAddress(string? Line1, string? Line2, string? Town, string? County, string? PostCode, string? Country)
{
    public bool IsEmpty => Line1 is null && Line2 is null && Town is null && County is null && PostCode is null;

    /// <summary>The optional columns of an address whose lines are <paramref name="prefix"/>1..5 (ADDRESS_ or DEL_ADDRESS_).</summary>
    public static IEnumerable<string> Columns(string prefix) => Enumerable.Range(1, 5).Select(i => prefix + i);

    public static SageAddress Read(SageRows rows, string prefix, string? country) => new(
        rows.Text(rows.Ordinal(prefix + "1")),
        rows.Text(rows.Ordinal(prefix + "2")),
        rows.Text(rows.Ordinal(prefix + "3")),
        rows.Text(rows.Ordinal(prefix + "4")),
        rows.Text(rows.Ordinal(prefix + "5")),
        country);
}
