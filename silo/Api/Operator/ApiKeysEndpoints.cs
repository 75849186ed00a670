using System.Text.RegularExpressions;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Operator.Models;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Operator;

/// <summary>
/// API keys per tenant, for operators: create (the key is in that answer and nowhere else, ever), list (prefix, role,
/// created, last used) and revoke. A revoked key is refused on every silo from the moment the revoke answers.
/// </summary>
public static partial class ApiKeysEndpoints
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder operators)
    {
        var keys = operators.MapGroup("/tenants/{tenantId}/apiKeys").WithTags("API keys");
        keys.MapGet("/", List).WithName("list-api-keys").Produces<ApiKeysResponse>();
        keys.MapPost("/", Create).WithName("create-api-key").Accepts<ApiKeyCreateBody>("application/json")
            .Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created);
        keys.MapDelete("/{keyId}", Revoke).WithName("revoke-api-key").Produces(StatusCodes.Status204NoContent);
        return operators;
    }

    /// <summary>Tenant ids as bootstrap configuration and integrators use them: short, URL- and log-safe.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex TenantIdShape();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex KeyIdShape();

    private static async Task<IResult> List(string tenantId, IGrainFactory grains)
    {
        if (TenantIdError(tenantId) is { } error)
        {
            return error;
        }

        var listings = await grains.GetGrain<IApiKeyDirectoryGrain>(tenantId).List();
        return Results.Json(new ApiKeysResponse([.. listings.Select(ApiKeyResponse.From)]), ApiJson.Options);
    }

    private static async Task<IResult> Create(string tenantId, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        if (TenantIdError(tenantId) is { } error)
        {
            return error;
        }

        var read = await JsonBody.ReadAsync<ApiKeyCreateBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        var errors = new List<CodatValidationItem>();
        ApiRole role = default;
        if (string.IsNullOrWhiteSpace(body.Role))
        {
            errors.Add(new("role", "role is required: Integrator, Support or Operator.", "Required"));
        }
        else if (Enum.GetNames<ApiRole>().FirstOrDefault(n => n.Equals(body.Role, StringComparison.OrdinalIgnoreCase)) is { } roleName)
        {
            // By name only: Enum.TryParse would also take "1" or "Integrator,Support".
            role = Enum.Parse<ApiRole>(roleName);
        }
        else
        {
            errors.Add(new("role", $"role '{body.Role}' is not one of Integrator, Support or Operator.", "Format"));
        }

        if (body.Name is { } name && (name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            errors.Add(new("name", $"name must be at most {MaxNameLength} characters without control characters.", "Length"));
        }

        if (errors.Count > 0)
        {
            return ApiErrors.BadRequest(errors);
        }

        var key = ApiKeyGenerator.NewKey();
        var hash = ApiKeyHash.Compute(key);
        var info = new ApiKeyInfo(hash[..12], tenantId, role, string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim(),
            time.GetUtcNow(), ApiKeyInfo.PrefixOf(key));
        await grains.GetGrain<IApiKeyDirectoryGrain>(tenantId).Add(hash, info);
        return Results.Json(
            new CreatedApiKeyResponse(info.KeyId, key, info.Prefix!, tenantId, role.ToString(), info.Name, info.Created),
            ApiJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Revoke(string tenantId, string keyId, IGrainFactory grains)
    {
        if (TenantIdError(tenantId) is { } error)
        {
            return error;
        }

        if (!KeyIdShape().IsMatch(keyId))
        {
            return ApiErrors.BadRequest("keyId", $"keyId '{Shorten(keyId)}' is not an API key id (12 lowercase hex characters, as listed).");
        }

        return await grains.GetGrain<IApiKeyDirectoryGrain>(tenantId).Revoke(keyId)
            ? Results.NoContent()
            : ApiErrors.NotFound($"API key {keyId} not found for tenant {tenantId}");
    }

    private static IResult? TenantIdError(string tenantId) => TenantIdShape().IsMatch(tenantId)
        ? null
        : ApiErrors.BadRequest("tenantId", $"tenantId '{Shorten(tenantId)}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
