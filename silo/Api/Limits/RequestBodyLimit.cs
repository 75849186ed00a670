using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledgerlink.Silo.Api.Limits;

/// <summary>An endpoint's own request body limit, below the server-wide <see cref="RequestLimitOptions.MaxRequestBodyBytes"/>.</summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>Applies the endpoint's limit before anything reads the body, so Kestrel stops reading at the limit.</summary>
    public static Task Apply(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is not null && feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        }

        return next(context);
    }
}

public static class RequestBodyLimitExtensions
{
    /// <summary>Limits this endpoint's request body to <paramref name="bytes"/>; a larger one is refused 413 as it arrives.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequestBodyLimit(bytes));
}
