using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Querying;

/// <summary>Codat's <c>orderBy</c>: a field name, prefixed with '-' for descending. Unknown fields are a 400 naming them.</summary>
public static class Ordering
{
    public static (IReadOnlyList<T>? Ordered, IResult? Error) Apply<T>(
        IEnumerable<T> items, string? orderBy, IReadOnlyDictionary<string, Func<T, IComparable?>> fields, IReadOnlyList<T>? fallback = null)
    {
        if (orderBy is null)
        {
            return (fallback ?? items.ToList(), null);
        }

        var descending = orderBy.StartsWith('-');
        var name = orderBy.TrimStart('-', '+').Trim();
        var key = fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (key is null)
        {
            return (null, ApiErrors.BadRequest("orderBy", $"orderBy cannot sort on '{name}'; sortable fields: {string.Join(", ", fields.Keys)}."));
        }

        return (descending ? items.OrderByDescending(key).ToList() : items.OrderBy(key).ToList(), null);
    }
}
