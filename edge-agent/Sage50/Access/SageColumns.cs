using System.Data.Common;
using System.Data.Odbc;
using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// Reads Sage's column values the same way from the ODBC driver (typed DATE/DOUBLE) and from the SQLite demo
/// (dates stored as ISO text), turning Sage's DOUBLE money into 2 dp decimals and blank strings into null.
/// An ordinal of -1 stands for an optional column this Sage version does not have, and reads as "not set".
/// </summary>
public static class SageColumns
{
    /// <summary>Sage keeps money in DOUBLE; to the penny, as Sage shows it, with a fixed scale of 2 so JSON is stable.</summary>
    public static decimal Money(DbDataReader reader, int ordinal) =>
        IsMissing(reader, ordinal) ? 0m : Money(reader.GetDouble(ordinal));

    public static decimal Money(double value)
    {
        var pennies = (long)Math.Round(value * 100d, MidpointRounding.AwayFromZero);
        return Pennies(pennies);
    }

    public static decimal Pennies(long pennies) =>
        new((int)(Math.Abs(pennies) & 0xFFFFFFFF), (int)(Math.Abs(pennies) >> 32), 0, pennies < 0, 2);

    public static double Number(DbDataReader reader, int ordinal) => IsMissing(reader, ordinal) ? 0d : reader.GetDouble(ordinal);

    /// <summary>Sage's INTEGER, SMALLINT and TINYINT arrive as different CLR types through ODBC; SQLite gives Int64.</summary>
    public static int Int(DbDataReader reader, int ordinal)
    {
        if (IsMissing(reader, ordinal))
        {
            return 0;
        }

        var value = reader.GetValue(ordinal);
        return value is long l ? checked((int)l) : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    public static bool Flag(DbDataReader reader, int ordinal) => Int(reader, ordinal) != 0;

    /// <summary>Sage pads nothing but leaves many text columns empty; empty means "not set".</summary>
    public static string? Text(DbDataReader reader, int ordinal)
    {
        if (IsMissing(reader, ordinal))
        {
            return null;
        }

        var value = reader.GetString(ordinal).Trim();
        return value.Length == 0 ? null : value;
    }

    public static DateTime? Date(DbDataReader reader, int ordinal)
    {
        if (reader is OdbcDataReader odbc && ordinal >= 0)
        {
            return OdbcDate(odbc, ordinal);
        }

        if (IsMissing(reader, ordinal))
        {
            return null;
        }

        if (reader.GetFieldType(ordinal) == typeof(string))
        {
            return ParseIsoDate(reader.GetString(ordinal));
        }

        return reader.GetDateTime(ordinal);
    }

    // Sage declares some date-and-time columns DATE (RECORD_CREATE_DATE: "date and time when the record was
    // created"). GetDateTime asks the driver for a timestamp, which keeps any time the driver holds; IsDBNull would
    // first fetch the value by its declared type (a date, time cut) and the reader caches that, so NULL is checked
    // only after a failed fetch.
    private static DateTime? OdbcDate(OdbcDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetDateTime(ordinal);
        }
        catch (InvalidCastException) when (reader.IsDBNull(ordinal))
        {
            return null;
        }
    }

    private static bool IsMissing(DbDataReader reader, int ordinal) => ordinal < 0 || reader.IsDBNull(ordinal);

    // The demo stores DATE as "yyyy-MM-dd" and timestamps as "yyyy-MM-dd HH:mm:ss"; parsing by hand keeps
    // the readers' per-row cost down (DateTime.Parse is culture- and format-general, and much slower).
    private static DateTime? ParseIsoDate(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length >= 10 && text[4] == '-' && text[7] == '-')
        {
            var year = Digits(text, 0, 4);
            var month = Digits(text, 5, 2);
            var day = Digits(text, 8, 2);
            if (text.Length == 10)
            {
                return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
            }

            if (text.Length == 19 && text[13] == ':' && text[16] == ':')
            {
                return new DateTime(year, month, day, Digits(text, 11, 2), Digits(text, 14, 2), Digits(text, 17, 2), DateTimeKind.Unspecified);
            }
        }

        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    private static int Digits(string text, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                throw new FormatException($"'{text}' is not an ISO date.");
            }

            value = (value * 10) + digit;
        }

        return value;
    }
}
