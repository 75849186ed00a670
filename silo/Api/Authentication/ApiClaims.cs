using System.Security.Claims;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>The claims an authenticated API key carries, and the caller they describe.</summary>
public static class ApiClaims
{
    public const string KeyId = "ledgerlink:key";
    public const string TenantId = "ledgerlink:tenant";

    public static ApiCaller Caller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(KeyId) ?? throw new InvalidOperationException("Endpoint reached without an API key."),
        user.FindFirstValue(TenantId)!,
        Enum.Parse<ApiRole>(user.FindFirstValue(ClaimTypes.Role)!));
}

public sealed record ApiCaller(string KeyId, string TenantId, ApiRole Role);
