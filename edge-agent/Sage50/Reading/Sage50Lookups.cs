using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// The small reference tables a reader needs beside its main rows (currencies, nominal account names, tax codes,
/// customer and supplier names), loaded whole before streaming. They hold hundreds to tens of thousands of rows,
/// which is cheaper in memory than joining them into every row of the audit trail.
/// </summary>
public static class Sage50Lookups
{
    private static readonly SageSelect CurrencySelect = new("CURRENCY", ["NUMBER", "CODE"], ["BASE_CURRENCY"], OrderBy: "NUMBER");
    private static readonly SageSelect TaxCodeSelect = new("TAX_CODE", ["TAX_CODE", "TAX_RATE"], ["DESCRIPTION"]);

    public static async Task<SageCurrencies> LoadCurrenciesAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        var codes = new Dictionary<int, string>();
        int? baseNumber = null;
        await using var rows = await CurrencySelect.OpenAsync(source, cancellationToken);
        int number = rows.Ordinal("NUMBER"), code = rows.Ordinal("CODE"), isBase = rows.Ordinal("BASE_CURRENCY");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(code) is { } text)
            {
                codes[rows.Int(number)] = text;
                if (rows.Flag(isBase))
                {
                    baseNumber ??= rows.Int(number);
                }
            }
        }

        // Sage numbers its base currency 1 unless the company changed it; a UK company's base is sterling.
        var baseCode = codes.GetValueOrDefault(baseNumber ?? 1) ?? "GBP";
        return new SageCurrencies(baseCode, codes);
    }

    public static async Task<IReadOnlyDictionary<string, SageTaxCode>> LoadTaxCodesAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        var taxCodes = new Dictionary<string, SageTaxCode>(StringComparer.OrdinalIgnoreCase);
        await using var rows = await TaxCodeSelect.OpenAsync(source, cancellationToken);
        int code = rows.Ordinal("TAX_CODE"), rate = rows.Ordinal("TAX_RATE"), description = rows.Ordinal("DESCRIPTION");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(code) is { } text)
            {
                taxCodes[text] = new SageTaxCode(text, rows.Text(description), rows.Money(rate));
            }
        }

        return taxCodes;
    }

    /// <summary>Account reference → name, from NOMINAL_LEDGER, SALES_LEDGER or PURCHASE_LEDGER.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadNamesAsync(
        ISage50DataSource source, string table, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var rows = await new SageSelect(table, ["ACCOUNT_REF", "NAME"]).OpenAsync(source, cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(0) is { } reference)
            {
                names[reference] = rows.Text(1) ?? reference;
            }
        }

        return names;
    }
}
