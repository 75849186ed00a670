using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledgerlink.Silo.Api.Paging;

/// <summary>Codat's paging envelope: results, pageNumber, pageSize, totalResults and HAL <c>_links</c>.</summary>
public sealed record PagedResponse<T>(
    [property: JsonPropertyName("results")] IReadOnlyList<T> Results,
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("totalResults")] int TotalResults,
    [property: JsonPropertyName("_links")] PageLinks Links)
{
    public static PagedResponse<T> Create(IReadOnlyList<T> results, PageRequest page, int total, HttpRequest request)
    {
        var path = request.PathBase + request.Path;
        string Href(int number)
        {
            var query = new Dictionary<string, string?>
            {
                ["page"] = number.ToString(CultureInfo.InvariantCulture),
                ["pageSize"] = page.PageSize.ToString(CultureInfo.InvariantCulture),
            };
            if (page.Query is not null)
            {
                query["query"] = page.Query;
            }

            if (page.OrderBy is not null)
            {
                query["orderBy"] = page.OrderBy;
            }

            return QueryHelpers.AddQueryString(path, query);
        }

        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)page.PageSize));
        var links = new PageLinks(
            new HalRef(path),
            new HalRef(Href(page.Page)),
            page.Page < lastPage ? new HalRef(Href(page.Page + 1)) : null,
            page.Page > 1 ? new HalRef(Href(Math.Min(page.Page - 1, lastPage))) : null);
        return new PagedResponse<T>(results, page.Page, page.PageSize, total, links);
    }
}

public sealed record PageLinks(
    [property: JsonPropertyName("self")] HalRef Self,
    [property: JsonPropertyName("current")] HalRef Current,
    [property: JsonPropertyName("next")] HalRef? Next,
    [property: JsonPropertyName("previous")] HalRef? Previous);

public sealed record HalRef([property: JsonPropertyName("href")] string Href);
