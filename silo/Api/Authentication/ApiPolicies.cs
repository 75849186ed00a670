using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>One authorization policy per audience; each endpoint group requires exactly one.</summary>
public static class ApiPolicies
{
    public const string Integrator = nameof(ApiRole.Integrator);
    public const string Support = nameof(ApiRole.Support);
    public const string Operator = nameof(ApiRole.Operator);

    public static IServiceCollection AddLedgerlinkApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(Integrator, policy => policy.RequireRole(Integrator))
            .AddPolicy(Support, policy => policy.RequireRole(Support))
            .AddPolicy(Operator, policy => policy.RequireRole(Operator));
        return services;
    }
}
