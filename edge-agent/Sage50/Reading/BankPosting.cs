namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// One live AUDIT_JOURNAL line on a bank account's nominal code, as a running balance needs it. <see cref="Listed"/>
/// when its transaction is one the bank transactions data type lists (BP, BR, CP, CR, VP, VR); the others (customer
/// receipts, supplier payments, journals) only move the balance. Ordered as on a statement: DATE, HEADER_NUMBER, TRAN_NUMBER.
/// </summary>
public readonly record struct BankPosting(long DateTicks, int Header, int Tran, decimal Amount, bool Listed) : IComparable<BankPosting>
{
    /// <summary>A NULL DATE sorts first, as it does in SQL's ORDER BY.</summary>
    public static long TicksOf(DateTime? date) => date?.Ticks ?? long.MinValue;

    public int CompareTo(BankPosting other)
    {
        var byDate = DateTicks.CompareTo(other.DateTicks);
        if (byDate != 0)
        {
            return byDate;
        }

        var byHeader = Header.CompareTo(other.Header);
        return byHeader != 0 ? byHeader : Tran.CompareTo(other.Tran);
    }

    public static bool operator <(BankPosting left, BankPosting right) => left.CompareTo(right) < 0;

    public static bool operator >(BankPosting left, BankPosting right) => left.CompareTo(right) > 0;

    public static bool operator <=(BankPosting left, BankPosting right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BankPosting left, BankPosting right) => left.CompareTo(right) >= 0;
}
