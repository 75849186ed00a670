using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Querying;

/// <summary>Codat's <c>orderBy</c>: a field name, prefixed with '-' for descending. Unknown fields are a 400 naming them.</summary>
public static class Ordering
{
    /// <summary>The sort <paramref name="orderBy"/> asks for (none: the items' own order), or the 400 naming the field.</summary>
    public static Checked<Func<IEnumerable<T>, IReadOnlyList<T>>> Parse<T>(
        string? orderBy, IReadOnlyDictionary<string, Func<T, IComparable?>> fields)
    {
        if (orderBy is null)
        {
            return new Func<IEnumerable<T>, IReadOnlyList<T>>(items => items.ToList());
        }

        var descending = orderBy.StartsWith('-');
        var name = orderBy.TrimStart('-', '+').Trim();
        var key = fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (key is null)
        {
            return Checked<Func<IEnumerable<T>, IReadOnlyList<T>>>.Refuse(
                ApiErrors.BadRequest("orderBy", $"orderBy cannot sort on '{name}'; sortable fields: {string.Join(", ", fields.Keys)}."));
        }

        return new Func<IEnumerable<T>, IReadOnlyList<T>>(
            items => descending ? items.OrderByDescending(key).ToList() : items.OrderBy(key).ToList());
    }
}
