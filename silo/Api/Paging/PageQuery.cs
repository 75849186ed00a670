using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Paging;

/// <summary>
/// Codat's list parameters (<c>page</c>, <c>pageSize</c>, <c>query</c>, <c>orderBy</c>), bound once for every endpoint
/// that pages: a handler takes a <see cref="PageQuery"/> parameter and minimal APIs call <see cref="BindAsync"/>.
/// Binding never refuses the request by itself, so an endpoint still answers what comes first for it (an unknown
/// company's 404) and then asks for the checked parameters, getting the values or the one 400 that names the field.
/// </summary>
public sealed class PageQuery
{
    private PageQuery(Checked<PageRequest> request) => Request = request;

    /// <summary>Just <c>page</c> and <c>pageSize</c> checked; <c>query</c> and <c>orderBy</c> as given, for endpoints that read them their own way.</summary>
    public Checked<PageRequest> Request { get; }

    public static ValueTask<PageQuery?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<PageQuery?>(new PageQuery(PageRequest.Parse(http.Request)));

    /// <summary>
    /// All four parameters checked against the endpoint's queryable and sortable fields, in the order the API has
    /// always refused them: paging, then <c>query</c>, then <paramref name="alsoMatching"/> (another filter the endpoint
    /// parsed, such as <c>tags</c>), then <c>orderBy</c>.
    /// </summary>
    public Checked<PageSelection<T>> Select<T>(
        IReadOnlyDictionary<string, Func<T, string?>> queryFields,
        IReadOnlyDictionary<string, Func<T, IComparable?>> orderFields,
        Checked<Func<T, bool>>? alsoMatching = null)
    {
        if (!Request.TryGetValue(out var page))
        {
            return Checked<PageSelection<T>>.Refuse(Request.Error);
        }

        var matches = CodatQuery.Parse(page.Query, queryFields);
        if (!matches.TryGetValue(out var filter))
        {
            return Checked<PageSelection<T>>.Refuse(matches.Error);
        }

        if (alsoMatching is not null)
        {
            if (!alsoMatching.TryGetValue(out var also))
            {
                return Checked<PageSelection<T>>.Refuse(alsoMatching.Error);
            }

            var first = filter;
            filter = item => first(item) && also(item);
        }

        var ordering = Ordering.Parse(page.OrderBy, orderFields);
        if (!ordering.TryGetValue(out var order))
        {
            return Checked<PageSelection<T>>.Refuse(ordering.Error);
        }

        return new PageSelection<T>(page, filter, order);
    }
}
