using System.Globalization;

namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>A calendar month as a count of months since year 0, so periods are ranges of integers.</summary>
public readonly record struct LedgerMonth(int Index) : IComparable<LedgerMonth>
{
    public static LedgerMonth Of(int year, int month) => new((year * 12) + month - 1);

    public static LedgerMonth Of(DateTime date) => Of(date.Year, date.Month);

    public int Year => Index / 12;

    public int Month => (Index % 12) + 1;

    public LedgerMonth Plus(int months) => new(Index + months);

    public int CompareTo(LedgerMonth other) => Index.CompareTo(other.Index);

    /// <summary>The first day, in Codat's date-time form: <c>2024-05-01T00:00:00</c>.</summary>
    public string FirstDay => new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The last day, in Codat's date-time form: <c>2024-05-31T00:00:00</c>.</summary>
    public string LastDay =>
        new DateTime(Year, Month, DateTime.DaysInMonth(Year, Month), 0, 0, 0, DateTimeKind.Unspecified)
            .ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static bool operator <(LedgerMonth a, LedgerMonth b) => a.Index < b.Index;

    public static bool operator >(LedgerMonth a, LedgerMonth b) => a.Index > b.Index;

    public static bool operator <=(LedgerMonth a, LedgerMonth b) => a.Index <= b.Index;

    public static bool operator >=(LedgerMonth a, LedgerMonth b) => a.Index >= b.Index;
}
