namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// The live postings on every bank account's nominal code, in statement order, as one read of the audit trail saw
/// them. It is kept beside the digests of the bank transactions that read produced, so a delta on that version only
/// replaces the postings of the transactions that changed: a transaction's balance is the sum of every posting before
/// it, and Sage keeps only each account's current balance, so without this every posting would be read again.
/// Each account's array is never changed once built; a new ledger shares the arrays of the accounts a delta did not touch.
/// </summary>
public sealed class BankLedger
{
    private const uint Magic = 0x314C_424C; // "LBL1"

    public BankLedger(string amountColumn, IReadOnlyDictionary<string, BankPosting[]> postings)
    {
        ArgumentNullException.ThrowIfNull(amountColumn);
        ArgumentNullException.ThrowIfNull(postings);
        AmountColumn = amountColumn;
        Postings = postings.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The AUDIT_JOURNAL column the amounts came from (FOREIGN_AMOUNT when Sage has it, else AMOUNT).</summary>
    public string AmountColumn { get; }

    /// <summary>Each bank account's postings (by its code), sorted by <see cref="BankPosting.CompareTo"/>.</summary>
    public IReadOnlyDictionary<string, BankPosting[]> Postings { get; }

    public int Count => Postings.Values.Sum(p => p.Length);

    /// <summary>Whether this ledger was read from the same bank accounts and amount column; if not, it cannot be built on.</summary>
    public bool Covers(IReadOnlyCollection<string> banks, string amountColumn) =>
        string.Equals(AmountColumn, amountColumn, StringComparison.Ordinal)
        && banks.Count == Postings.Count
        && banks.All(Postings.ContainsKey);

    /// <summary>
    /// This ledger with every posting of <paramref name="changedHeaders"/> replaced by <paramref name="current"/>
    /// (those transactions' live postings on the bank accounts now, in any order): a posting moved to another date or
    /// account, deleted or new is right whatever it was before, because its whole transaction is read again.
    /// </summary>
    public BankLedger With(HeaderScope changedHeaders, IEnumerable<(string Bank, BankPosting Posting)> current)
    {
        ArgumentNullException.ThrowIfNull(changedHeaders);
        ArgumentNullException.ThrowIfNull(current);
        var added = current.GroupBy(c => c.Bank, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Posting).Order().ToArray(), StringComparer.OrdinalIgnoreCase);
        var next = new Dictionary<string, BankPosting[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (bank, postings) in Postings)
        {
            var kept = postings.Any(p => changedHeaders.Contains(p.Header)) ? postings.Where(p => !changedHeaders.Contains(p.Header)).ToArray() : null;
            var fresh = added.GetValueOrDefault(bank) ?? [];
            next[bank] = kept is null && fresh.Length == 0 ? postings : Merge(kept ?? postings, fresh);
        }

        return new BankLedger(AmountColumn, next);
    }

    /// <summary>
    /// Postings as a ledger keeps them. They come in the SQL's ORDER BY DATE, HEADER_NUMBER, TRAN_NUMBER, so this only
    /// checks; sorted when a driver's date order differs from the ledger's, which a later delta merges into.
    /// </summary>
    public static BankPosting[] InStatementOrder(List<BankPosting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var array = postings.ToArray();
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i] < array[i - 1])
            {
                Array.Sort(array);
                break;
            }
        }

        return array;
    }

    /// <summary>The balance after each listed transaction on one account's postings: after its last posting there.</summary>
    public static Dictionary<int, decimal> BalancesAfter(BankPosting[] postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var balances = new Dictionary<int, decimal>();
        var running = 0m;
        foreach (var posting in postings)
        {
            running += posting.Amount;
            if (posting.Listed)
            {
                balances[posting.Header] = running;
            }
        }

        return balances;
    }

    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(AmountColumn);
        writer.Write(Postings.Count);
        foreach (var (bank, postings) in Postings)
        {
            writer.Write(bank);
            writer.Write(postings.Length);
            foreach (var posting in postings)
            {
                writer.Write(posting.DateTicks);
                writer.Write(posting.Header);
                writer.Write(posting.Tran);
                writer.Write(posting.Amount);
                writer.Write(posting.Listed);
            }
        }
    }

    /// <summary>The ledger <see cref="WriteTo"/> wrote, or null when what follows is not one.</summary>
    public static BankLedger? ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadUInt32() != Magic)
        {
            return null;
        }

        var amountColumn = reader.ReadString();
        var banks = reader.ReadInt32();
        var postings = new Dictionary<string, BankPosting[]>(banks, StringComparer.OrdinalIgnoreCase);
        for (var b = 0; b < banks; b++)
        {
            var bank = reader.ReadString();
            var account = new BankPosting[reader.ReadInt32()];
            for (var i = 0; i < account.Length; i++)
            {
                account[i] = new BankPosting(reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDecimal(), reader.ReadBoolean());
            }

            postings[bank] = account;
        }

        return new BankLedger(amountColumn, postings);
    }

    private static BankPosting[] Merge(BankPosting[] sorted, BankPosting[] fresh)
    {
        var merged = new BankPosting[sorted.Length + fresh.Length];
        int i = 0, j = 0, k = 0;
        while (i < sorted.Length && j < fresh.Length)
        {
            merged[k++] = fresh[j] < sorted[i] ? fresh[j++] : sorted[i++];
        }

        Array.Copy(sorted, i, merged, k, sorted.Length - i);
        Array.Copy(fresh, j, merged, k + sorted.Length - i, fresh.Length - j);
        return merged;
    }
}
