using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledgerlink.Tests.Api.Paging;

/// <summary>
/// The one binder every list endpoint uses: which field a refusal names when several parameters are wrong at once, and
/// that the accepted parameters filter, order and page. The endpoints' own bad-input tests check the HTTP answers.
/// </summary>
public sealed class PageQueryTests
{
    private sealed record Item(string Name, int Rank);

    private static readonly Dictionary<string, Func<Item, string?>> QueryFields = new() { ["name"] = i => i.Name };
    private static readonly Dictionary<string, Func<Item, IComparable?>> OrderFields = new() { ["rank"] = i => i.Rank };
    private static readonly Item[] Items = [new("b", 2), new("a", 3), new("c", 1), new("a", 1)];

    [Theory]
    [InlineData("?page=0&query=nope%3D1&tags=toolong%3D1&orderBy=nope", "page")]
    [InlineData("?pageSize=5001&query=nope%3D1", "pageSize")]
    [InlineData("?query=nope%3D1&tags=toolong%3D1&orderBy=nope", "query")]
    [InlineData("?query=name%3Da&tags=toolong%3D1&orderBy=nope", "tags")]
    [InlineData("?query=name%3Da&tags=abc%3D1&orderBy=nope", "orderBy")]
    public async Task A_refusal_names_the_first_wrong_parameter_in_the_order_paging_query_filter_orderBy(string queryString, string field)
    {
        var paging = await BindAsync(queryString);
        // As the companies list parses its tags: names of up to three characters here.
        var tags = CodatQuery.Parse<Item>(
            Query(queryString, "tags"), tag => tag.Length <= 3 ? i => i.Name : null, "up to three characters", "tags");

        var selection = paging.Select(QueryFields, OrderFields, alsoMatching: tags);

        Assert.True(selection.Refused);
        var error = Assert.IsType<JsonHttpResult<CodatError>>(selection.Error).Value!;
        Assert.Equal(StatusCodes.Status400BadRequest, error.StatusCode);
        Assert.Equal(field, Assert.Single(error.Validation!.Errors).ItemId);
    }

    [Fact]
    public async Task Accepted_parameters_filter_order_and_page()
    {
        var paging = await BindAsync("?query=name%3Da&orderBy=-rank&pageSize=1&page=2");

        Assert.True(paging.Select(QueryFields, OrderFields).TryGetValue(out var selected));
        var ordered = selected.Apply(Items);
        Assert.Equal([3, 1], ordered.Select(i => i.Rank));
        var page = selected.Respond(ordered, new DefaultHttpContext().Request);
        Assert.Equal([ordered[1]], page.Results);
        Assert.Equal(2, page.PageNumber);
        Assert.Equal(2, page.TotalResults);
    }

    private static async Task<PageQuery> BindAsync(string queryString)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(queryString);
        return (await PageQuery.BindAsync(http))!;
    }

    private static string? Query(string queryString, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString).TryGetValue(name, out var value) ? value.ToString() : null;
}
