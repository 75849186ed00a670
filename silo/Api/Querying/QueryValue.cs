using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledgerlink.Silo.Api.Querying;

/// <summary>How two query values compare: as numbers if both are, as dates if both are ISO 8601 dates, else as text.</summary>
public static partial class QueryValue
{
    public static bool Equal(string? field, string value)
    {
        if (string.Equals(value, "null", StringComparison.OrdinalIgnoreCase))
        {
            return field is null;
        }

        return field is not null && Compare(field, value) == 0;
    }

    /// <summary>Null when the field is missing: a missing value is neither above nor below anything.</summary>
    public static int? Order(string? field, string value) => field is null ? null : Compare(field, value);

    private static int Compare(string field, string value)
    {
        if (decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
        {
            return number.CompareTo(bound);
        }

        if (AsDate(field) is { } fieldDate && AsDate(value) is { } valueDate)
        {
            return fieldDate.CompareTo(valueDate);
        }

        return string.Compare(field, value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An ISO 8601 date or date-time as an instant; one without an offset is read as UTC, as Codat's dates are.</summary>
    public static DateTimeOffset? AsDate(string text) =>
        DatePattern().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
