using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>
/// Codat "bankTransactions" from the audit trail's bank, cash and card entries not posted to a customer or
/// supplier (BP, BR, CP, CR, VP, VR). The amount is Sage's bank-statement signed one: money out is negative.
/// </summary>
public sealed class BankTransactionsReader : ISage50Reader
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
        await using var rows = await Headers.OpenAsync(source, cancellationToken);
        int number = rows.Ordinal("HEADER_NUMBER"), type = rows.Ordinal("TYPE"), bank = rows.Ordinal("BANK_CODE"), date = rows.Ordinal("DATE"),
            details = rows.Ordinal("DETAILS"), reference = rows.Ordinal("INV_REF"), amount = rows.Ordinal("FOREIGN_BANK_AMOUNT"),
            flag = rows.Ordinal("BANK_FLAG"), modified = rows.Ordinal("RECORD_MODIFY_DATE");
        var writer = new CodatJsonWriter();
        while (await rows.ReadAsync(cancellationToken))
        {
            var id = CodatJsonWriter.Id(rows.Int(number));
            // Sage marks a bank line reconciled against a statement with R in BANK_FLAG.
            var reconciled = string.Equals(rows.Text(flag), "R", StringComparison.OrdinalIgnoreCase);
            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteText("accountId", rows.Text(bank));
            json.WriteDate("clearedOnDate", rows.Date(date));
            json.WriteText("description", rows.Text(details));
            json.WriteText("reference", rows.Text(reference));
            json.WriteBoolean("reconciled", reconciled);
            json.WriteMoney("amount", rows.Money(amount));
            json.WriteString("transactionType", SageTransactionType.IsBankPayment(rows.Text(type) ?? "") ? "Debit" : "Credit");
            json.WriteMetadata(false);
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }
}
