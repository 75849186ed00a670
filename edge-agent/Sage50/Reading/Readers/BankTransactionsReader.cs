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
public sealed class BankTransactionsReader : IHeaderScopedReader
{
    private static readonly SageSelect Headers = new(
        "AUDIT_HEADER",
        ["HEADER_NUMBER", "TYPE", "BANK_CODE", "DATE", "DETAILS", "INV_REF", "FOREIGN_BANK_AMOUNT", "BANK_FLAG", "DELETED_FLAG"],
        ["RECORD_MODIFY_DATE"],
        Where: $"TYPE IN {SageTransactionType.InList(SageTransactionType.BankTransactions)} AND DELETED_FLAG = 0",
        OrderBy: "HEADER_NUMBER");

    public string DataType => DataTypeNames.BankTransactions;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Headers.CountAsync(source, cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (balances, _) = await RunningBalancesAsync(source, null, cancellationToken);
        var writer = new CodatJsonWriter();
        await foreach (var record in ReadChunkAsync(source, null, balances, writer, cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>
    /// The transactions in <paramref name="scope"/>, and every later transaction on a bank account a change reached:
    /// a posting added, deleted or changed moves the running balance of everything after it on that account.
    /// </summary>
    public async IAsyncEnumerable<Sage50Record> ReadAsync(
        ISage50DataSource source, HeaderScope scope, ChangeWindow changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (balances, moved) = await RunningBalancesAsync(source, changes, cancellationToken);
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
    /// One pass over the bank accounts' journal lines in date order, keeping the balance after each listed bank
    /// transaction (by header and bank account): a few bytes per bank transaction, whatever the audit trail's size.
    /// Amounts are the journal's FOREIGN_AMOUNT when Sage has it (the bank's own currency for bank entries).
    /// With <paramref name="changes"/>, also the bank transactions whose balance a change moved: on each account,
    /// those after its first posting that is new, deleted or modified since; a posting modified in place (its date may
    /// have moved, from where is unknown) makes it every transaction on that account.
    /// </summary>
    private static async Task<(Dictionary<(int, string), decimal> Balances, List<int> Moved)> RunningBalancesAsync(
        ISage50DataSource source, ChangeWindow? changes, CancellationToken cancellationToken)
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

        var balances = new Dictionary<(int, string), decimal>();
        var moved = new List<int>();
        if (banks.Count == 0)
        {
            return (balances, moved);
        }

        var amount = (await source.GetColumnsAsync("AUDIT_JOURNAL", cancellationToken)).Contains("FOREIGN_AMOUNT") ? "FOREIGN_AMOUNT" : "AMOUNT";
        var onBanks = $"NOMINAL_CODE IN {HeaderScope.InList(banks)}";
        // Deleted postings are read too when looking for changes: deleting one moves every later balance.
        var lines = new SageSelect(
            "AUDIT_JOURNAL",
            ["HEADER_NUMBER", "TRAN_NUMBER", "NOMINAL_CODE", "DATE", "TYPE", amount, "DELETED_FLAG"],
            changes is null ? null : ["RECORD_MODIFY_DATE"],
            Where: changes is null ? $"DELETED_FLAG = 0 AND {onBanks}" : onBanks,
            OrderBy: "DATE, HEADER_NUMBER, TRAN_NUMBER");
        var running = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var listed = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var firstMoved = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await using var rows = await lines.OpenAsync(source, cancellationToken);
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

            var balance = running.GetValueOrDefault(nominal) + rows.Money(5);
            running[nominal] = balance;
            if (SageTransactionType.BankTransactions.Contains(rows.Text(4) ?? ""))
            {
                balances[(rows.Int(0), nominal)] = balance;
                if (changes is not null)
                {
                    listed[nominal].Add(rows.Int(0));
                }
            }
        }

        foreach (var (bank, first) in firstMoved)
        {
            moved.AddRange(listed[bank].Skip(first));
        }

        return (balances, moved);
    }
}
