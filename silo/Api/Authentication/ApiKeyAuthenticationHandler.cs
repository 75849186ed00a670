using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>
/// Codat-style API keys: <c>Authorization: Basic &lt;base64 of the key&gt;</c>. The key is hashed and looked up in its
/// <see cref="IApiKeyGrain"/>, which holds the tenant and role; the key itself is never stored or logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CodatApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || !TryDecode(header["Basic ".Length..].Trim(), out var key))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Basic <base64 of the API key>'.");
        }

        // Asked of the key's grain on every request, never of a local cache: a revoke holds on every silo at once.
        var info = await grains.GetGrain<IApiKeyGrain>(ApiKeyHash.Compute(key)).Authenticate();
        if (info is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ApiClaims.KeyId, info.KeyId),
                new Claim(ApiClaims.TenantId, info.TenantId),
                new Claim(ClaimTypes.Role, info.Role.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Ledgerlink\"";
        return Response.WriteAsJsonAsync(ApiErrors.Body(StatusCodes.Status401Unauthorized, "Unauthorized"));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(ApiErrors.Body(
            StatusCodes.Status403Forbidden, "Your API key's role may not call this endpoint."));
    }

    private static bool TryDecode(string encoded, out string key)
    {
        key = string.Empty;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length) || length == 0)
        {
            return false;
        }

        key = Encoding.UTF8.GetString(buffer, 0, length);

        // A browser's Basic prompt sends "user:password"; an API key typed as the user name with no password still works.
        if (key.EndsWith(':'))
        {
            key = key[..^1];
        }

        return key.Length > 0;
    }
}
