using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Ledgerlink.Silo.Api.Errors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ledgerlink.Silo.Api.Limits;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter: per source address, per API key, stricter without a key), the guard against
/// guessing API keys and link ids (<see cref="UnknownLookups"/>), and request body limits. Every refusal is a Codat error;
/// 429s carry <c>Retry-After</c>.
/// </summary>
public static class RequestLimits
{
    private const string CredentialKeyItem = "Ledgerlink.CredentialKey";

    /// <summary>Paths load balancers and orchestrators poll; never limited.</summary>
    private static readonly PathString[] Unlimited = ["/health", "/ready"];

    public static WebApplicationBuilder AddLedgerlinkRequestLimits(this WebApplicationBuilder builder)
    {
        var options = new RequestLimitOptions();
        builder.Configuration.GetSection(RequestLimitOptions.SectionName).Bind(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UnknownLookups>();

        // Nothing the API accepts is larger; Kestrel's own default (30 MB) would be read in full before a check.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsUnlimited(context)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : PerMinute("address:" + AddressOf(context), options.PerAddressPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                {
                    if (IsUnlimited(context))
                    {
                        return RateLimitPartition.GetNoLimiter(string.Empty);
                    }

                    // A key is limited as presented (its hash), before anyone looks it up: random keys each get a
                    // partition, which is why the per-address limit and the unknown-lookup budget exist as well.
                    return CredentialKey(context) is { } key
                        ? PerMinute(key, options.PerApiKeyPerMinute)
                        : PerMinute("anonymous:" + AddressOf(context), options.AnonymousPerAddressPerMinute);
                }));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return new ValueTask(WriteTooManyAsync(rejected.HttpContext, retryAfter, cancellationToken));
            };
        });
        return builder;
    }

    /// <summary>Before authentication: body limits, rate limits, and refusing keys already known to be unknown.</summary>
    public static WebApplication UseLedgerlinkRequestLimits(this WebApplication app)
    {
        app.Use(RequestBodyLimit.Apply);
        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            if (CredentialKey(context) is { } key)
            {
                var lookups = context.RequestServices.GetRequiredService<UnknownLookups>();
                if (lookups.IsKnownUnknown(key))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"Ledgerlink\"";
                    await context.Response.WriteAsJsonAsync(ApiErrors.Body(StatusCodes.Status401Unauthorized, "Unauthorized"));
                    return;
                }

                if (!lookups.MayLookUp(context.Connection.RemoteIpAddress, out var retryAfter))
                {
                    await WriteTooManyAsync(context, retryAfter, context.RequestAborted);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>After authentication: a presented key that did not authenticate is remembered as unknown.</summary>
    public static WebApplication UseUnknownCredentialTracking(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (CredentialKey(context) is { } key && context.User.Identity?.IsAuthenticated != true)
            {
                context.RequestServices.GetRequiredService<UnknownLookups>().RecordUnknown(key, context.Connection.RemoteIpAddress);
            }

            await next(context);
        });
        return app;
    }

    public static Task WriteTooManyAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsJsonAsync(
            ApiErrors.Body(
                StatusCodes.Status429TooManyRequests,
                $"Too many requests; retry after {seconds} seconds.",
                canBeRetried: "True"),
            cancellationToken);
    }

    /// <summary>
    /// The presented credential as a limiter and cache key: a hash of the whole <c>Authorization</c> header, so the key
    /// itself is never held, and nothing needs decoding before the limits apply.
    /// </summary>
    private static string? CredentialKey(HttpContext context)
    {
        if (context.Items.TryGetValue(CredentialKeyItem, out var known))
        {
            return known as string;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var key = header.Length == 0 ? null : "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
        context.Items[CredentialKeyItem] = key;
        return key;
    }

    private static bool IsUnlimited(HttpContext context) =>
        Array.Exists(Unlimited, path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));

    private static string AddressOf(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
