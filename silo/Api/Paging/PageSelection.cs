namespace Ledgerlink.Silo.Api.Paging;

/// <summary>Checked list parameters for items of type <typeparamref name="T"/>: which items match, their order, which page.</summary>
public sealed class PageSelection<T>(PageRequest page, Func<T, bool> matches, Func<IEnumerable<T>, IReadOnlyList<T>> order)
{
    public PageRequest Page => page;

    /// <summary>The items <c>query</c> matches, in the order <c>orderBy</c> asks for (without it, as given).</summary>
    public IReadOnlyList<T> Apply(IEnumerable<T> items) => order(items.Where(matches));

    /// <summary>The page of <paramref name="results"/> (already selected and shaped for the response) in Codat's envelope.</summary>
    public PagedResponse<TResult> Respond<TResult>(IReadOnlyList<TResult> results, HttpRequest request) => page.Apply(results, request);
}
