using System.Globalization;
using System.Text.Json;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.DataReads;

namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// Builds a <see cref="Ledger"/> from a company's committed datasets: the chart of accounts (types and Sage's category
/// layout), the company info (base currency, financial year start) and one streamed pass over the journal entries.
/// </summary>
public sealed class LedgerLoader(IDatasetBlobStore store)
{
    /// <summary>The ledger, or the error a reader gets (409 naming a data type never synced).</summary>
    public async Task<Checked<Ledger>> LoadAsync(IGrainFactory grains, string companyId, CancellationToken cancellationToken)
    {
        var (chart, chartError) = await DatasetLookup.FindAsync(grains, companyId, DataTypeNames.ChartOfAccounts);
        if (chartError is not null)
        {
            return Checked<Ledger>.Refuse(chartError);
        }

        var (journal, journalError) = await DatasetLookup.FindAsync(grains, companyId, DataTypeNames.JournalEntries);
        if (journalError is not null)
        {
            return Checked<Ledger>.Refuse(journalError);
        }

        var (company, _) = await DatasetLookup.FindAsync(grains, companyId, DataTypeNames.Company);

        var accounts = new Dictionary<string, LedgerAccount>(StringComparer.Ordinal);
        string? chartCurrency = null;
        await foreach (var account in RecordsAsync(chart, cancellationToken))
        {
            if (Text(account, "id") is not { } id)
            {
                continue;
            }

            var path = (Text(account, "fullyQualifiedCategory") ?? "").Split('.');
            accounts[id] = new LedgerAccount(
                id,
                Text(account, "name") ?? id,
                Text(account, "type") ?? "Unknown",
                path.Length > 1 ? path[1] : null,
                path.Length > 2 ? string.Join('.', path[2..]) : null,
                account.TryGetProperty("isBankAccount", out var bank) && bank.ValueKind == JsonValueKind.True);
            chartCurrency ??= Text(account, "currency");
        }

        var currency = chartCurrency ?? "GBP";
        var yearStart = 1;
        await foreach (var info in RecordsAsync(company, cancellationToken))
        {
            currency = Text(info, "baseCurrency") ?? currency;
            if (Text(info, "financialYearStartDate") is { } start
                && DateTime.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                yearStart = date.Month;
            }
        }

        var ledger = new Ledger(currency, yearStart, accounts);
        var bankMovement = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var entry in RecordsAsync(journal, cancellationToken))
        {
            if (Text(entry, "postedOn") is not { } posted
                || !DateTime.TryParse(posted, CultureInfo.InvariantCulture, DateTimeStyles.None, out var postedOn)
                || !entry.TryGetProperty("journalLines", out var lines) || lines.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var month = LedgerMonth.Of(postedOn);
            bankMovement.Clear();
            foreach (var line in lines.EnumerateArray())
            {
                if (RecordFields.Find(line, "accountRef.id") is not { ValueKind: JsonValueKind.String } accountRef
                    || !line.TryGetProperty("netAmount", out var net) || !net.TryGetDecimal(out var amount))
                {
                    continue;
                }

                var accountId = accountRef.GetString()!;
                ledger.Post(accountId, month, amount);
                if (accounts.TryGetValue(accountId, out var account) && account.IsBank)
                {
                    bankMovement[accountId] = bankMovement.GetValueOrDefault(accountId) + amount;
                }
            }

            foreach (var (bankAccount, amount) in bankMovement)
            {
                ledger.MoveCash(bankAccount, month, amount);
            }
        }

        return ledger;
    }

    private async IAsyncEnumerable<JsonElement> RecordsAsync(
        CommittedDataset? dataset, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (dataset is null)
        {
            yield break;
        }

        await foreach (var line in MergedRecords.ReadLinesAsync(store, dataset, cancellationToken))
        {
            using var document = JsonDocument.Parse(line);
            // A record Sage no longer has stays readable as deleted; it no longer counts in the books.
            if (RecordFields.Find(document.RootElement, "metadata.isDeleted") is { ValueKind: JsonValueKind.True })
            {
                continue;
            }

            yield return document.RootElement;
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
