using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ledgerlink.Silo.Api.Integrator.DataReads;

/// <summary>
/// Field access into a synced record (a JSON object in the Codat shape of its data type) for <c>query</c> and
/// <c>orderBy</c>. Records carry no schema here, so any field path is accepted: names are matched case-insensitively and
/// nested fields are reached with dots (<c>customerRef.id</c>); a field a record lacks reads as null.
/// </summary>
public static partial class RecordFields
{
    public const string Description = "any field of the record; nested fields with dots, e.g. customerRef.id";

    public static bool IsWellFormed(string path) => PathPattern().IsMatch(path);

    /// <summary>The field's value as query text: strings as they are, numbers and booleans as written, null when absent.</summary>
    public static string? Text(JsonElement record, string path) => Find(record, path) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        }
        : null;

    /// <summary>A sort key: numbers compare as numbers, everything else as case-insensitive text, nulls first.</summary>
    public static RecordSortKey SortKey(JsonElement record, string path)
    {
        var value = Find(record, path);
        return value is { ValueKind: JsonValueKind.Number } number && number.TryGetDecimal(out var amount)
            ? new RecordSortKey(amount, null) { IsPresent = true }
            : new RecordSortKey(null, value is { } v ? Text(v) : null) { IsPresent = value is not null };

        static string? Text(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element.GetRawText(),
        };
    }

    public static JsonElement? Find(JsonElement record, string path)
    {
        var current = record;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement? next = null;
            foreach (var property in current.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    next = property.Value;
                    break;
                }
            }

            if (next is not { } found)
            {
                return null;
            }

            current = found;
        }

        return current;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}

/// <summary>Orders numbers before text, numbers by value, text case-insensitively; a missing value sorts first.</summary>
public sealed record RecordSortKey(decimal? Number, string? Text) : IComparable<RecordSortKey>
{
    public int CompareTo(RecordSortKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var rank = Rank.CompareTo(other.Rank);
        if (rank != 0)
        {
            return rank;
        }

        return Number is { } number
            ? number.CompareTo(other.Number!.Value)
            : string.Compare(Text, other.Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the record has the field at all (a null value counts as present).</summary>
    public bool IsPresent { get; init; }

    private int Rank => Number is not null ? 1 : Text is not null ? 2 : 0;

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? "null";
}
