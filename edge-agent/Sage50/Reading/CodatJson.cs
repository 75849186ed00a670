using System.Globalization;
using System.Text.Json;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>The value shapes the Codat accounting models share, written the same way by every reader.</summary>
public static class CodatJson
{
    /// <summary>Sage dates carry no zone; Codat's accounting dates are written without one too.</summary>
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss";

    public static void WriteText(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Money as Sage shows it: to the penny, always two decimals ("150.00"), so equal amounts give equal bytes.</summary>
    public static void WriteMoney(this Utf8JsonWriter json, string name, decimal value) => json.WriteNumber(name, value);

    public static void WriteDate(this Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } date)
        {
            Span<byte> utf8 = stackalloc byte[19];
            if (!date.TryFormat(utf8, out var written, DateFormat, CultureInfo.InvariantCulture))
            {
                throw new FormatException($"Date {date:O} does not fit the record date format.");
            }

            json.WriteString(name, utf8[..written]);
        }
    }

    /// <summary>A reference to another record, e.g. <c>"accountRef": {"id": "4000", "name": "Sales Type A"}</c>.</summary>
    public static void WriteRef(this Utf8JsonWriter json, string name, string? id, string nameField, string? displayName)
    {
        if (id is null)
        {
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("id", id);
        json.WriteText(nameField, displayName);
        json.WriteEndObject();
    }

    public static void WriteMetadata(this Utf8JsonWriter json, bool isDeleted)
    {
        json.WriteStartObject("metadata");
        json.WriteBoolean("isDeleted", isDeleted);
        json.WriteEndObject();
    }

    /// <summary>
    /// A Codat address from Sage's five address lines, which Sage labels Street1, Street2, Town, County, Post Code.
    /// Writes nothing when every line is empty.
    /// </summary>
    public static void WriteAddress(this Utf8JsonWriter json, string type, SageAddress address) => json.WriteAddress(null, type, address);

    /// <summary>The same address as a named property (<c>"address": {…}</c>) when <paramref name="propertyName"/> is given.</summary>
    public static void WriteAddress(this Utf8JsonWriter json, string? propertyName, string type, SageAddress address)
    {
        if (address.IsEmpty)
        {
            return;
        }

        if (propertyName is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(propertyName);
        }

        json.WriteString("type", type);
        json.WriteText("line1", address.Line1);
        json.WriteText("line2", address.Line2);
        json.WriteText("city", address.Town);
        json.WriteText("region", address.County);
        json.WriteText("country", address.Country);
        json.WriteText("postalCode", address.PostCode);
        json.WriteEndObject();
    }
}
