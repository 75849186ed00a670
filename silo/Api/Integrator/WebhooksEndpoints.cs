using Ledgerlink.Grains.Webhooks.Targets;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;
using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Codat's webhook consumers (create, list, delete) and the delivery log. Events are signed with the consumer's secret,
/// returned once on create, in the Standard Webhooks headers Codat uses (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>).
/// </summary>
public static class WebhooksEndpoints
{
    private const int MaxCompanyTags = 10;
    private const int MaxUrlLength = 2048;

    /// <summary>A consumer is a URL, a few event types and at most ten tags: 16 KiB is generous.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly Dictionary<string, Func<WebhookDeliveryInfo, string?>> DeliveryQueryFields = new()
    {
        ["id"] = d => d.Id,
        ["webhookId"] = d => d.WebhookId,
        ["eventId"] = d => d.EventId,
        ["eventType"] = d => d.EventType,
        ["status"] = d => d.Status.ToString(),
    };

    private static readonly Dictionary<string, Func<WebhookDeliveryInfo, IComparable?>> DeliveryOrderFields = new()
    {
        ["eventType"] = d => d.EventType,
        ["status"] = d => d.Status.ToString(),
        ["webhookId"] = d => d.WebhookId,
        ["lastAttempt"] = d => d.Attempts.Count == 0 ? null : d.Attempts[^1].At,
    };

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/", List).WithName("list-webhook-consumers").Produces<WebhookConsumersResponse>();
        webhooks.MapPost("/", Create).WithName("create-webhook-consumer").Accepts<WebhookConsumerBody>("application/json")
            .WithRequestBodyLimit(MaxBodyBytes)
            .Produces<WebhookConsumerResponse>(StatusCodes.Status201Created);
        webhooks.MapDelete("/{webhookId}", Delete).WithName("delete-webhook-consumer").Produces(StatusCodes.Status204NoContent);
        webhooks.MapGet("/deliveries", ListDeliveries).WithName("list-webhook-deliveries").Produces<PagedResponse<WebhookDeliveryResponse>>();
        return api;
    }

    private static async Task<IResult> List(HttpContext http, IGrainFactory grains)
    {
        var consumers = await grains.GetGrain<ITenantGrain>(http.User.Caller().TenantId).ListWebhooks();
        return Results.Json(new WebhookConsumersResponse(consumers.Select(c => WebhookConsumerResponse.From(c)).ToList()), ApiJson.Options);
    }

    private static async Task<IResult> Create(HttpContext http, IGrainFactory grains, WebhookTargets targets)
    {
        var read = await JsonBody.ReadAsync<WebhookConsumerBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        var errors = new List<CodatValidationItem>();
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            errors.Add(new("url", "url is required.", "Required"));
        }
        else if (body.Url.Length > MaxUrlLength)
        {
            errors.Add(new("url", $"url must be at most {MaxUrlLength} characters.", "Length"));
        }
        else if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(new("url", $"url '{body.Url}' must be an absolute http or https URL.", "Format"));
        }
        else if (await targets.CheckRegistrationAsync(body.Url, http.RequestAborted) is { } refusal)
        {
            // Checked again at every connection; refusing here tells the integrator at once.
            errors.Add(new("url", $"url is not accepted: {refusal}. Webhooks go to https addresses on the public internet.", "Target"));
        }

        if (body.EventTypes?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add(new("eventTypes", "eventTypes must not contain empty entries.", "Format"));
        }

        if (body.CompanyTags is { } tags)
        {
            if (tags.Count > MaxCompanyTags)
            {
                errors.Add(new("companyTags", $"companyTags may hold at most {MaxCompanyTags} entries.", "Length"));
            }

            if (tags.Any(t => t is null || t.Length > 128 || t.IndexOf(':', StringComparison.Ordinal) <= 0))
            {
                errors.Add(new("companyTags", "companyTags entries must be 'tagKey:tagValue', at most 128 characters.", "Format"));
            }
        }

        if (errors.Count > 0)
        {
            return ApiErrors.BadRequest(errors);
        }

        var prototype = new WebhookConsumerInfo(
            string.Empty, body.Url!, body.Disabled ?? false, body.EventTypes ?? [], body.CompanyTags ?? [], string.Empty);
        try
        {
            var created = await grains.GetGrain<ITenantGrain>(http.User.Caller().TenantId).CreateWebhook(prototype);
            return Results.Json(WebhookConsumerResponse.From(created, withSecret: true), ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return ApiErrors.BadRequest("webhooks", e.Message);
        }
    }

    private static async Task<IResult> Delete(string webhookId, HttpContext http, IGrainFactory grains)
    {
        var deleted = await grains.GetGrain<ITenantGrain>(http.User.Caller().TenantId).DeleteWebhook(webhookId);
        return deleted ? Results.NoContent() : ApiErrors.NotFound($"Webhook consumer {webhookId} not found");
    }

    private static async Task<IResult> ListDeliveries(HttpContext http, PageQuery paging, IGrainFactory grains)
    {
        var selection = paging.Select(DeliveryQueryFields, DeliveryOrderFields);
        if (!selection.TryGetValue(out var selected))
        {
            return selection.Error;
        }

        var deliveries = await grains.GetGrain<ITenantGrain>(http.User.Caller().TenantId).ListDeliveries();
        var ordered = selected.Apply(deliveries);
        return Results.Json(selected.Respond(ordered.Select(WebhookDeliveryResponse.From).ToList(), http.Request), ApiJson.Options);
    }
}
