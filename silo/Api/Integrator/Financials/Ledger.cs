namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// The journal summed per account and month (debits positive, credits negative), and per bank account and month the
/// money in and out: everything the financial statements need, gathered in one pass over the committed journal.
/// </summary>
public sealed class Ledger(string currency, int financialYearStartMonth, IReadOnlyDictionary<string, LedgerAccount> accounts)
{
    private readonly Dictionary<string, SortedDictionary<int, decimal>> _movements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, (decimal In, decimal Out)>> _cash = new(StringComparer.Ordinal);

    public string Currency { get; } = currency;

    /// <summary>The month the financial year starts in (1–12), from the company info; January when it was not synced.</summary>
    public int FinancialYearStartMonth { get; } = financialYearStartMonth;

    public IReadOnlyDictionary<string, LedgerAccount> Accounts { get; } = accounts;

    public LedgerMonth? Earliest { get; private set; }

    public LedgerMonth? Latest { get; private set; }

    /// <summary>Accounts the journal posts to, including any the chart does not list.</summary>
    public IEnumerable<string> PostedAccounts => _movements.Keys;

    public void Post(string accountId, LedgerMonth month, decimal amount)
    {
        if (!_movements.TryGetValue(accountId, out var months))
        {
            _movements[accountId] = months = [];
        }

        months[month.Index] = months.GetValueOrDefault(month.Index) + amount;
        Earliest = Earliest is { } e && e <= month ? e : month;
        Latest = Latest is { } l && l >= month ? l : month;
    }

    /// <summary>One entry's net movement on one bank account: money in when positive, out when negative.</summary>
    public void MoveCash(string bankAccountId, LedgerMonth month, decimal amount)
    {
        if (amount == 0)
        {
            return;
        }

        if (!_cash.TryGetValue(bankAccountId, out var months))
        {
            _cash[bankAccountId] = months = [];
        }

        var (moneyIn, moneyOut) = months.GetValueOrDefault(month.Index);
        months[month.Index] = amount > 0 ? (moneyIn + amount, moneyOut) : (moneyIn, moneyOut - amount);
    }

    /// <summary>The sum of an account's postings in months <paramref name="from"/> to <paramref name="to"/> (null: from the start).</summary>
    public decimal Movement(string accountId, LedgerMonth? from, LedgerMonth to) =>
        _movements.TryGetValue(accountId, out var months)
            ? months.Where(m => (from is null || m.Key >= from.Value.Index) && m.Key <= to.Index).Sum(m => m.Value)
            : 0m;

    public IEnumerable<string> CashAccounts => _cash.Keys;

    public (decimal In, decimal Out) Cash(string bankAccountId, LedgerMonth from, LedgerMonth to)
    {
        if (!_cash.TryGetValue(bankAccountId, out var months))
        {
            return (0m, 0m);
        }

        var inRange = months.Where(m => m.Key >= from.Index && m.Key <= to.Index).Select(m => m.Value).ToList();
        return (inRange.Sum(m => m.In), inRange.Sum(m => m.Out));
    }

    /// <summary>The first month of the financial year <paramref name="month"/> falls in.</summary>
    public LedgerMonth FinancialYearStart(LedgerMonth month)
    {
        var back = (month.Month - FinancialYearStartMonth + 12) % 12;
        return month.Plus(-back);
    }

    /// <summary>The account as the chart lists it, or one classified by Sage's standard code ranges when the chart does not.</summary>
    public LedgerAccount Account(string id) =>
        Accounts.TryGetValue(id, out var account) ? account : new LedgerAccount(id, id, "Unknown", null, null, IsBank: false);
}
