using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>Codat's integrations list and lookup; Ledgerlink has one, Sage 50 (<c>hbql</c>).</summary>
public static class IntegrationsEndpoints
{
    private static readonly Dictionary<string, Func<IntegrationResponse, string?>> QueryFields = new()
    {
        ["key"] = i => i.Key,
        ["name"] = i => i.Name,
        ["sourceType"] = i => i.SourceType,
    };

    private static readonly Dictionary<string, Func<IntegrationResponse, IComparable?>> OrderFields = new()
    {
        ["key"] = i => i.Key,
        ["name"] = i => i.Name,
        ["sourceType"] = i => i.SourceType,
    };

    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder api)
    {
        var integrations = api.MapGroup("/integrations").WithTags("Integrations");
        integrations.MapGet("/", List).WithName("list-integrations").Produces<PagedResponse<IntegrationResponse>>();
        integrations.MapGet("/{platformKey}", Get).WithName("get-integration").Produces<IntegrationResponse>();
        return api;
    }

    private static IResult List(HttpContext http, ApiLinks links)
    {
        var (page, pageError) = PageRequest.Parse(http.Request);
        if (page is null)
        {
            return pageError!;
        }

        var (matches, queryError) = CodatQuery.Parse(page.Query, QueryFields);
        if (matches is null)
        {
            return queryError!;
        }

        IReadOnlyList<IntegrationResponse> all = [Sage50Integration.Describe(links)];
        var (ordered, orderError) = Ordering.Apply(all.Where(matches), page.OrderBy, OrderFields);
        return ordered is null ? orderError! : Results.Json(page.Apply(ordered, http.Request), ApiJson.Options);
    }

    private static IResult Get(string platformKey, ApiLinks links) =>
        platformKey == Sage50Integration.PlatformKey
            ? Results.Json(Sage50Integration.Describe(links), ApiJson.Options)
            : ApiErrors.NotFound($"Integration {platformKey} not found");
}
