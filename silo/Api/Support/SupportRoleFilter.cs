using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Support;
using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api.Support;

/// <summary>
/// Support endpoints answer only support keys. The role is checked here rather than by an authorization policy so that
/// another role's attempt (403) is written to the audit log like any other refusal; a missing or unknown key is still
/// refused (401) by authentication before this runs.
/// </summary>
public sealed class SupportRoleFilter(IGrainFactory grains) : IEndpointFilter
{
    public const string RefusalMessage = "Your API key's role may not call this endpoint.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var caller = http.User.Caller();
        if (caller.Role == ApiRole.Support)
        {
            return await next(context);
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<SupportAction>() is { } action)
        {
            var target = http.GetRouteValue(action.TargetRouteValue) as string ?? "";
            var connectorId = action.TargetType == "connector" ? target : null;
            await SupportAudit.RecordAsync(http, grains, action, target, connectorId, AuditResult.Refused,
                $"An API key with role {caller.Role} may not call support endpoints.");
        }

        return ApiErrors.Forbidden(RefusalMessage);
    }
}
