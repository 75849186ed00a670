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

    private static IResult List(HttpContext http, PageQuery paging, ApiLinks links)
    {
        var selection = paging.Select(QueryFields, OrderFields);
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        return Results.Json(selected.Respond(selected.Apply([Sage50Integration.Describe(links)]), http.Request), ApiJson.Options);
    }

    private static IResult Get(string platformKey, ApiLinks links) =>
        platformKey == Sage50Integration.PlatformKey
            ? Results.Json(Sage50Integration.Describe(links), ApiJson.Options)
            : ApiErrors.NotFound($"Integration {platformKey} not found");
}
