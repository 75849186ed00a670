using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "company" (company info) from Sage's one-row COMPANY table.</summary>
public sealed class CompanyReader : ISage50Reader
{
    private static readonly SageSelect Company = new(
        "COMPANY",
        ["NAME"],
        [
            "COMPANYID", .. SageAddress.Columns("ADDRESS_"), "COUNTRY_CODE", "TELEPHONE", "FAX", "WEB_ADDRESS", "VAT_REG_NUMBER",
            "START_MONTH", "FINANCIAL_YEAR", "CLOSED_LEDGER_DATE_ENABLED", "CLOSED_LEDGER_CHECK_DATE",
            "RECORD_CREATE_DATE", "RECORD_MODIFY_DATE",
        ]);

    public string DataType => DataTypeNames.Company;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => Company.CountAsync(source, cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var writer = new CodatJsonWriter();
        await using var rows = await Company.OpenAsync(source, cancellationToken);
        if (!await rows.ReadAsync(cancellationToken))
        {
            yield break;
        }

        var name = rows.Text(rows.Ordinal("NAME"));
        // Codat's company info has no id field; the record's id (for logs and resuming) is Sage's COMPANYID.
        var id = rows.Text(rows.Ordinal("COMPANYID")) ?? "company";
        var json = writer.Begin();
        json.WriteText("companyName", name);
        json.WriteText("companyLegalName", name);

        json.WriteStartArray("addresses");
        json.WriteAddress("Billing", SageAddress.Read(rows, "ADDRESS_", rows.Text(rows.Ordinal("COUNTRY_CODE"))));
        json.WriteEndArray();

        json.WriteStartArray("phoneNumbers");
        WritePhone(json, rows.Text(rows.Ordinal("TELEPHONE")), "Landline");
        WritePhone(json, rows.Text(rows.Ordinal("FAX")), "Fax");
        json.WriteEndArray();

        json.WriteStartArray("webLinks");
        if (rows.Text(rows.Ordinal("WEB_ADDRESS")) is { } web)
        {
            json.WriteStartObject();
            json.WriteString("type", "Website");
            json.WriteString("url", web);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteText("taxNumber", rows.Text(rows.Ordinal("VAT_REG_NUMBER")));
        var year = rows.Int(rows.Ordinal("FINANCIAL_YEAR"));
        var month = rows.Int(rows.Ordinal("START_MONTH"));
        if (year is >= 1900 and <= 9999 && month is >= 1 and <= 12)
        {
            json.WriteDate("financialYearStartDate", new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified));
        }

        json.WriteString("baseCurrency", currencies.BaseCurrency);
        if (rows.Flag(rows.Ordinal("CLOSED_LEDGER_DATE_ENABLED")))
        {
            json.WriteDate("ledgerLockDate", rows.Date(rows.Ordinal("CLOSED_LEDGER_CHECK_DATE")));
        }

        json.WriteDate("createdDate", rows.Date(rows.Ordinal("RECORD_CREATE_DATE")));
        json.WriteDate("sourceModifiedDate", rows.Date(rows.Ordinal("RECORD_MODIFY_DATE")));
        yield return writer.End(id);
    }

    private static void WritePhone(System.Text.Json.Utf8JsonWriter json, string? number, string type)
    {
        if (number is null)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteString("number", number);
        json.WriteString("type", type);
        json.WriteEndObject();
    }
}
