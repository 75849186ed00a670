using System.Runtime.CompilerServices;
using System.Text.Json;
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
            "TELEPHONE_2", "FAX", "TRADE_CONTACT", "DEL_CONTACT_NAME", "DEL_TELEPHONE", "DEL_FAX",
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
        var contacts = new ContactColumns(rows);
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(reference) is not { } id)
            {
                continue;
            }

            var countryCode = rows.Text(country);
            var status = rows.Flag(inactive) ? "Archived" : "Active";
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
            WriteContacts(json, rows, contacts, countryCode, status);
            json.WriteText("taxNumber", rows.Text(vat));
            json.WriteString("defaultCurrency", currencies.CodeOf(rows.Int(currency)));
            json.WriteString("status", status);
            json.WriteMetadata(rows.Flag(deleted));
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }

    /// <summary>
    /// Codat's <c>contacts[]</c> from the people Sage keeps on the account: the main contact (with the account's
    /// e-mail, telephones, fax and billing address), the trade contact, and the delivery contact (with the delivery
    /// telephone, fax and address). A contact's status is the account's; people Sage has no name for are left out.
    /// </summary>
    private static void WriteContacts(Utf8JsonWriter json, SageRows rows, ContactColumns columns, string? countryCode, string status)
    {
        var main = rows.Text(columns.Name);
        var trade = rows.Text(columns.Trade);
        var delivery = rows.Text(columns.DeliveryName);
        json.WriteStartArray("contacts");
        if (main is not null)
        {
            json.WriteStartObject();
            json.WriteString("name", main);
            json.WriteText("email", rows.Text(columns.Email));
            WritePhones(json, (rows.Text(columns.Telephone), "Primary"), (rows.Text(columns.Telephone2), "Landline"), (rows.Text(columns.Fax), "Fax"));
            json.WriteAddress("address", "Billing", SageAddress.Read(rows, "ADDRESS_", countryCode));
            json.WriteString("status", status);
            json.WriteEndObject();
        }

        if (trade is not null && !string.Equals(trade, main, StringComparison.OrdinalIgnoreCase))
        {
            json.WriteStartObject();
            json.WriteString("name", trade);
            json.WriteString("status", status);
            json.WriteEndObject();
        }

        if (delivery is not null)
        {
            json.WriteStartObject();
            json.WriteString("name", delivery);
            WritePhones(json, (rows.Text(columns.DeliveryTelephone), "Primary"), (rows.Text(columns.DeliveryFax), "Fax"));
            json.WriteAddress("address", "Delivery", SageAddress.Read(rows, "DEL_ADDRESS_", countryCode));
            json.WriteString("status", status);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePhones(Utf8JsonWriter json, params (string? Number, string Type)[] phones)
    {
        if (phones.All(p => p.Number is null))
        {
            return;
        }

        json.WriteStartArray("phone");
        foreach (var (number, type) in phones)
        {
            if (number is not null)
            {
                json.WriteStartObject();
                json.WriteString("number", number);
                json.WriteString("type", type);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private sealed class ContactColumns(SageRows rows)
    {
        public int Name { get; } = rows.Ordinal("CONTACT_NAME");

        public int Email { get; } = rows.Ordinal("E_MAIL");

        public int Telephone { get; } = rows.Ordinal("TELEPHONE");

        public int Telephone2 { get; } = rows.Ordinal("TELEPHONE_2");

        public int Fax { get; } = rows.Ordinal("FAX");

        public int Trade { get; } = rows.Ordinal("TRADE_CONTACT");

        public int DeliveryName { get; } = rows.Ordinal("DEL_CONTACT_NAME");

        public int DeliveryTelephone { get; } = rows.Ordinal("DEL_TELEPHONE");

        public int DeliveryFax { get; } = rows.Ordinal("DEL_FAX");
    }
}
