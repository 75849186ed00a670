using System.Runtime.CompilerServices;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Customers (SALES_LEDGER) and suppliers (PURCHASE_LEDGER) share Sage's account record layout and Codat's contact
/// shape; only the table and the name field differ.
/// </summary>
public static class LedgerAccounts
{
    public static SageSelect Select(string table) => new(
        table,
        ["ACCOUNT_REF", "NAME"],
        [
            .. SageAddress.Columns("ADDRESS_"), .. SageAddress.Columns("DEL_ADDRESS_"), "COUNTRY_CODE",
            "CONTACT_NAME", "TELEPHONE", "E_MAIL", "VAT_REG_NUMBER", "CURRENCY",
            "INACTIVE_FLAG", "RECORD_DELETED", "RECORD_MODIFY_DATE",
        ],
        OrderBy: "ACCOUNT_REF");

    /// <param name="nameField">customerName or supplierName.</param>
    public static async IAsyncEnumerable<Sage50Record> ReadAsync(
        ISage50DataSource source, string table, string nameField, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var writer = new CodatJsonWriter();
        await using var rows = await Select(table).OpenAsync(source, cancellationToken);
        int reference = rows.Ordinal("ACCOUNT_REF"), name = rows.Ordinal("NAME"), country = rows.Ordinal("COUNTRY_CODE"),
            contact = rows.Ordinal("CONTACT_NAME"), telephone = rows.Ordinal("TELEPHONE"), email = rows.Ordinal("E_MAIL"),
            vat = rows.Ordinal("VAT_REG_NUMBER"), currency = rows.Ordinal("CURRENCY"), inactive = rows.Ordinal("INACTIVE_FLAG"),
            deleted = rows.Ordinal("RECORD_DELETED"), modified = rows.Ordinal("RECORD_MODIFY_DATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(reference) is not { } id)
            {
                continue;
            }

            var countryCode = rows.Text(country);
            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteString(nameField, rows.Text(name) ?? id);
            json.WriteText("contactName", rows.Text(contact));
            json.WriteText("emailAddress", rows.Text(email));
            json.WriteText("phone", rows.Text(telephone));
            json.WriteStartArray("addresses");
            json.WriteAddress("Billing", SageAddress.Read(rows, "ADDRESS_", countryCode));
            json.WriteAddress("Delivery", SageAddress.Read(rows, "DEL_ADDRESS_", countryCode));
            json.WriteEndArray();
            json.WriteText("taxNumber", rows.Text(vat));
            json.WriteString("defaultCurrency", currencies.CodeOf(rows.Int(currency)));
            json.WriteString("status", rows.Flag(inactive) ? "Archived" : "Active");
            json.WriteMetadata(rows.Flag(deleted));
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }
}
