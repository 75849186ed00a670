using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>
/// Codat "bankAccounts" from BANK. A Sage bank account is also a nominal account with the same reference; its
/// name as the business knows it ("Bank Current Account") is the nominal account's, BANK.NAME is the bank's.
/// </summary>
public sealed class BankAccountsReader : ISage50Reader
{
    private static readonly SageSelect Banks = new(
        "BANK",
        ["ACCOUNT_REF"],
        [
            "ACCOUNT_NAME", "ACCOUNT_NUMBER", "NAME", "SORT_CODE", "IBAN", "BICSWIFT", "CURRENCY", "OVERDRAFT_LIMIT", "TYPE",
            "FOREIGN_BALANCE", "INACTIVE_FLAG", "RECORD_DELETED", "RECORD_MODIFY_DATE",
        ],
        OrderBy: "ACCOUNT_REF");

    public string DataType => DataTypeNames.BankAccounts;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Banks.CountAsync(source, cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var nominalNames = await Sage50Lookups.LoadNamesAsync(source, "NOMINAL_LEDGER", cancellationToken);
        var writer = new CodatJsonWriter();
        await using var rows = await Banks.OpenAsync(source, cancellationToken);
        int reference = rows.Ordinal("ACCOUNT_REF"), accountName = rows.Ordinal("ACCOUNT_NAME"), number = rows.Ordinal("ACCOUNT_NUMBER"),
            bankName = rows.Ordinal("NAME"), sortCode = rows.Ordinal("SORT_CODE"), iban = rows.Ordinal("IBAN"),
            currency = rows.Ordinal("CURRENCY"), overdraft = rows.Ordinal("OVERDRAFT_LIMIT"), type = rows.Ordinal("TYPE"),
            balance = rows.Ordinal("FOREIGN_BALANCE"), inactive = rows.Ordinal("INACTIVE_FLAG"), deleted = rows.Ordinal("RECORD_DELETED"),
            modified = rows.Ordinal("RECORD_MODIFY_DATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(reference) is not { } id)
            {
                continue;
            }

            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteString("accountName", nominalNames.GetValueOrDefault(id) ?? rows.Text(accountName) ?? id);
            // Sage's types are Cheque, Cash and Credit Card accounts; only a card account runs in credit.
            var sageType = rows.Text(type);
            json.WriteString("accountType", sageType?.Contains("credit", StringComparison.OrdinalIgnoreCase) == true ? "Credit" : "Debit");
            json.WriteString("nominalCode", id);
            json.WriteText("sortCode", rows.Text(sortCode));
            json.WriteText("accountNumber", rows.Text(number));
            json.WriteText("iBan", rows.Text(iban));
            json.WriteString("currency", currencies.CodeOf(rows.Int(currency)));
            json.WriteMoney("balance", rows.Money(balance));
            json.WriteMoney("overdraftLimit", Math.Abs(rows.Money(overdraft)));
            json.WriteText("institution", rows.Text(bankName));
            json.WriteString("status", rows.Flag(inactive) ? "Archived" : "Active");
            json.WriteMetadata(rows.Flag(deleted));
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }
}
