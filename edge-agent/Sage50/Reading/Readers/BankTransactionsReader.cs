using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>
/// Codat "bankTransactions" from the audit trail's bank, cash and card entries not posted to a customer or
/// supplier (BP, BR, CP, CR, VP, VR). The amount is Sage's bank-statement signed one: money out is negative.
/// <c>balance</c> is the account's running balance after the transaction, as on a statement: every posting to the
/// bank's nominal account (customer receipts, supplier payments and journals included, not only the transactions
/// listed here), in date and then transaction order, so the account's last posting leaves it at BANK's balance.
/// </summary>
public sealed class BankTransactionsReader : IBankLedgerReader
{
    private static readonly SageSelect Headers = new(
        "AUDIT_HEADER",
        ["HEADER_NUMBER", "TYPE", "BANK_CODE", "DATE", "DETAILS", "INV_REF", "FOREIGN_BANK_AMOUNT", "BANK_FLAG", "DELETED_FLAG"],
        ["RECORD_MODIFY_DATE"],
        Where: $"TYPE IN {SageTransactionType.InList(SageTransactionType.BankTransactions)} AND DELETED_FLAG = 0",
        OrderBy: "HEADER_NUMBER");

    public string DataType => DataTypeNames.BankTransactions;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Headers.CountAsync(source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        ReadAsync(source, BankLedgerHandoff.None(), cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(
        ISage50DataSource source, BankLedgerHandoff ledger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var (balances, _) = await RunningBalancesAsync(source, null, ledger, cancellationToken);
        var writer = new CodatJsonWriter();
        await foreach (var record in ReadChunkAsync(source, null, balances, writer, cancellationToken))
        {
            yield return record;
        }
    }

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        ReadAsync(source, scope, changes, BankLedgerHandoff.None(), cancellationToken);

    /// <summary>
    /// The transactions in <paramref name="scope"/>, and every other one whose running balance a change moved: a posting
    /// added, deleted or changed moves the balance of everything after it on that account. With the previous read's
    /// ledger only those whose balance differs are read again; without it, everything after the first change.
    /// </summary>
    public async IAsyncEnumerable<Sage50Record> ReadAsync(
        ISage50DataSource source, HeaderScope scope, ChangeWindow changes, BankLedgerHandoff ledger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(ledger);
        var (balances, moved) = await RunningBalancesAsync(source, (scope, changes), ledger, cancellationToken);
        var writer = new CodatJsonWriter();
        foreach (var chunk in new HeaderScope(scope.Headers.Concat(moved)).Chunks())
        {
            await foreach (var record in ReadChunkAsync(source, chunk, balances, writer, cancellationToken))
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<Sage50Record> ReadChunkAsync(
        ISage50DataSource source, int[]? chunk, Dictionary<(int Header, string Bank), decimal> balances, CodatJsonWriter writer,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = await Headers.Within(chunk).OpenAsync(source, cancellationToken);
        int number = rows.Ordinal("HEADER_NUMBER"), type = rows.Ordinal("TYPE"), bank = rows.Ordinal("BANK_CODE"), date = rows.Ordinal("DATE"),
            details = rows.Ordinal("DETAILS"), reference = rows.Ordinal("INV_REF"), amount = rows.Ordinal("FOREIGN_BANK_AMOUNT"),
            flag = rows.Ordinal("BANK_FLAG"), modified = rows.Ordinal("RECORD_MODIFY_DATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            var headerNumber = rows.Int(number);
            var id = CodatJsonWriter.Id(headerNumber);
            var bankCode = rows.Text(bank);
            // Sage marks a bank line reconciled against a statement with R in BANK_FLAG.
            var reconciled = string.Equals(rows.Text(flag), "R", StringComparison.OrdinalIgnoreCase);
            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteText("accountId", bankCode);
            json.WriteDate("clearedOnDate", rows.Date(date));
            json.WriteText("description", rows.Text(details));
            json.WriteText("reference", rows.Text(reference));
            json.WriteBoolean("reconciled", reconciled);
            json.WriteMoney("amount", rows.Money(amount));
            if (bankCode is not null && balances.TryGetValue((headerNumber, bankCode), out var balance))
            {
                json.WriteMoney("balance", balance);
            }

            json.WriteString("transactionType", SageTransactionType.IsBankPayment(rows.Text(type) ?? "") ? "Debit" : "Credit");
            json.WriteMetadata(false);
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }

    /// <summary>
    /// The balance after each bank transaction a read needs (by header and bank account), and on a delta
    /// (<paramref name="delta"/>) the transactions whose balance a change moved. Built on the previous read's ledger
    /// when there is one for the same bank accounts; otherwise one pass over every posting on them.
    /// </summary>
    private static async Task<(Dictionary<(int, string), decimal> Balances, List<int> Moved)> RunningBalancesAsync(
        ISage50DataSource source, (HeaderScope Scope, ChangeWindow Changes)? delta, BankLedgerHandoff ledger, CancellationToken cancellationToken)
    {
        var banks = new List<string>();
        await using (var bankRows = await new SageSelect("BANK", ["ACCOUNT_REF"]).OpenAsync(source, cancellationToken))
        {
            while (await bankRows.ReadAsync(cancellationToken))
            {
                if (bankRows.Text(0) is { } code)
                {
                    banks.Add(code);
                }
            }
        }

        var amount = (await source.GetColumnsAsync("AUDIT_JOURNAL", cancellationToken)).Contains("FOREIGN_AMOUNT") ? "FOREIGN_AMOUNT" : "AMOUNT";
        if (delta is { } d && ledger.Previous is { } previous && previous.Covers(banks, amount))
        {
            return await BuildOnAsync(source, previous, d.Scope, banks, ledger, cancellationToken);
        }

        return await PassAsync(source, delta?.Changes, banks, amount, ledger, cancellationToken);
    }

    /// <summary>
    /// The previous ledger with the changed transactions' postings read again. A transaction's balance moved when it
    /// differs from the one the previous ledger gives (or it had none), wherever the change was.
    /// </summary>
    private static async Task<(Dictionary<(int, string), decimal> Balances, List<int> Moved)> BuildOnAsync(
        ISage50DataSource source, BankLedger previous, HeaderScope scope, List<string> banks, BankLedgerHandoff ledger,
        CancellationToken cancellationToken)
    {
        // Compared exactly, as SQL's NOMINAL_CODE IN (…) in the pass compares them.
        var onBanks = new HashSet<string>(banks, StringComparer.Ordinal);
        var current = new List<(string, BankPosting)>();
        await foreach (var rows in JournalLines(previous.AmountColumn, null, null).OpenEachAsync(source, "HEADER_NUMBER", scope.Headers, cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                if (!rows.Flag(6) && rows.Text(2) is { } nominal && onBanks.Contains(nominal))
                {
                    current.Add((nominal, PostingOf(rows)));
                }
            }
        }

        var next = previous.With(scope, current);
        var balances = new Dictionary<(int, string), decimal>();
        var moved = new List<int>();
        foreach (var (bank, postings) in next.Postings)
        {
            var before = previous.Postings[bank];
            if (ReferenceEquals(postings, before))
            {
                continue;
            }

            var was = BankLedger.BalancesAfter(before);
            foreach (var (header, balance) in BankLedger.BalancesAfter(postings))
            {
                balances[(header, bank)] = balance;
                if (!was.TryGetValue(header, out var old) || old != balance || old.Scale != balance.Scale)
                {
                    moved.Add(header);
                }
            }
        }

        ledger.Keep(next, builtOnPrevious: true);
        return (balances, moved);
    }

    /// <summary>
    /// One pass over the bank accounts' journal lines in date order, keeping the balance after each listed bank
    /// transaction (by header and bank account): a few bytes per bank transaction, whatever the audit trail's size.
    /// Amounts are the journal's FOREIGN_AMOUNT when Sage has it (the bank's own currency for bank entries).
    /// With <paramref name="changes"/>, also the bank transactions whose balance a change moved: on each account,
    /// those after its first posting that is new, deleted or modified since; a posting modified in place (its date may
    /// have moved, from where is unknown) makes it every transaction on that account.
    /// </summary>
    private static async Task<(Dictionary<(int, string), decimal> Balances, List<int> Moved)> PassAsync(
        ISage50DataSource source, ChangeWindow? changes, List<string> banks, string amount, BankLedgerHandoff ledger,
        CancellationToken cancellationToken)
    {
        var balances = new Dictionary<(int, string), decimal>();
        var moved = new List<int>();
        var kept = new Dictionary<string, List<BankPosting>>(StringComparer.OrdinalIgnoreCase);
        foreach (var bank in banks)
        {
            kept.TryAdd(bank, []);
        }

        if (banks.Count == 0)
        {
            ledger.Keep(new BankLedger(amount, new Dictionary<string, BankPosting[]>()), builtOnPrevious: false);
            return (balances, moved);
        }

        var onBanks = $"NOMINAL_CODE IN {HeaderScope.InList(banks)}";
        // Deleted postings are read too when looking for changes: deleting one moves every later balance.
        var lines = JournalLines(amount, changes is null ? $"DELETED_FLAG = 0 AND {onBanks}" : onBanks, changes is null ? null : ["RECORD_MODIFY_DATE"]);
        var running = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var listed = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var firstMoved = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await using (var rows = await lines.OpenAsync(source, cancellationToken))
        {
            var modified = rows.Ordinal("RECORD_MODIFY_DATE");
            while (await rows.ReadAsync(cancellationToken))
            {
                var nominal = rows.Text(2)!;
                if (changes is not null)
                {
                    var tran = rows.Int(1);
                    var isNew = tran > changes.AfterTranNumber;
                    // Without RECORD_MODIFY_DATE every posting counts as changed in place: the whole account is read.
                    var isModified = modified < 0 || rows.Date(modified) >= changes.Since;
                    var headers = listed.TryGetValue(nominal, out var known) ? known : listed[nominal] = [];
                    if ((isNew || isModified) && !firstMoved.ContainsKey(nominal))
                    {
                        firstMoved[nominal] = isNew || rows.Flag(6) ? headers.Count : 0;
                    }
                    else if (isModified && !isNew && !rows.Flag(6))
                    {
                        firstMoved[nominal] = 0;
                    }

                    if (rows.Flag(6))
                    {
                        continue;
                    }
                }

                var posting = PostingOf(rows);
                (kept.TryGetValue(nominal, out var account) ? account : kept[nominal] = []).Add(posting);
                var balance = running.GetValueOrDefault(nominal) + posting.Amount;
                running[nominal] = balance;
                if (posting.Listed)
                {
                    balances[(posting.Header, nominal)] = balance;
                    if (changes is not null)
                    {
                        listed[nominal].Add(posting.Header);
                    }
                }
            }
        }

        foreach (var (bank, first) in firstMoved)
        {
            moved.AddRange(listed[bank].Skip(first));
        }

        ledger.Keep(new BankLedger(amount, kept.ToDictionary(k => k.Key, k => BankLedger.InStatementOrder(k.Value))), builtOnPrevious: false);
        return (balances, moved);
    }

    private static SageSelect JournalLines(string amount, string? where, IReadOnlyList<string>? optional) => new(
        "AUDIT_JOURNAL",
        ["HEADER_NUMBER", "TRAN_NUMBER", "NOMINAL_CODE", "DATE", "TYPE", amount, "DELETED_FLAG"],
        optional,
        Where: where,
        OrderBy: "DATE, HEADER_NUMBER, TRAN_NUMBER");

    private static BankPosting PostingOf(SageRows rows) => new(
        BankPosting.TicksOf(rows.Date(3)), rows.Int(0), rows.Int(1), rows.Money(5),
        SageTransactionType.BankTransactions.Contains(rows.Text(4) ?? ""));
}
