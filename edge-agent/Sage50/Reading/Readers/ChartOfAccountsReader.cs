using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "chartOfAccounts" (accounts) from NOMINAL_LEDGER, typed by the default layout's CATEGORY ranges.</summary>
public sealed class ChartOfAccountsReader : ISage50Reader
{
    private static readonly SageSelect Accounts = new(
        "NOMINAL_LEDGER",
        ["ACCOUNT_REF", "NAME", "BALANCE"],
        ["INACTIVE_FLAG", "RECORD_DELETED", "RECORD_MODIFY_DATE"],
        OrderBy: "ACCOUNT_REF");

    private static readonly SageSelect BankAccounts = new("BANK", ["ACCOUNT_REF"]);

    public string DataType => DataTypeNames.ChartOfAccounts;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Accounts.CountAsync(source, cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var chart = await SageChart.LoadAsync(source, cancellationToken);
        var banks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var bankRows = await BankAccounts.OpenAsync(source, cancellationToken))
        {
            while (await bankRows.ReadAsync(cancellationToken))
            {
                if (bankRows.Text(0) is { } bank)
                {
                    banks.Add(bank);
                }
            }
        }

        var writer = new CodatJsonWriter();
        await using var rows = await Accounts.OpenAsync(source, cancellationToken);
        int reference = rows.Ordinal("ACCOUNT_REF"), name = rows.Ordinal("NAME"), balance = rows.Ordinal("BALANCE"),
            inactive = rows.Ordinal("INACTIVE_FLAG"), deleted = rows.Ordinal("RECORD_DELETED"), modified = rows.Ordinal("RECORD_MODIFY_DATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(reference) is not { } code)
            {
                continue;
            }

            var accountName = rows.Text(name) ?? code;
            var (type, category) = chart.Classify(code);
            var json = writer.Begin();
            json.WriteString("id", code);
            json.WriteString("nominalCode", code);
            json.WriteString("name", accountName);
            json.WriteString("fullyQualifiedCategory", category);
            json.WriteString("fullyQualifiedName", category + "." + accountName);
            json.WriteString("currency", currencies.BaseCurrency);
            json.WriteMoney("currentBalance", rows.Money(balance));
            json.WriteString("type", type);
            json.WriteString("status", rows.Flag(inactive) ? "Archived" : "Active");
            json.WriteBoolean("isBankAccount", banks.Contains(code));
            json.WriteMetadata(rows.Flag(deleted));
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(code);
        }
    }
}
