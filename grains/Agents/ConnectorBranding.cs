using Ledgerlink.Branding;
using Ledgerlink.Companies;
using Ledgerlink.Tenants;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Agents;

/// <summary>
/// Which tenant's branding an agent shows: that of the tenant owning the first company its connector serves. An agent
/// serving companies of several tenants (rare: one PC, two integrators) shows the first one's; with no company linked
/// yet it shows the neutral default.
/// </summary>
internal static partial class ConnectorBranding
{
    public static async Task<TenantBranding?> OfAsync(IGrainFactory grains, IReadOnlyList<string> companyIds) =>
        await TenantOfAsync(grains, companyIds) is { } tenantId
            ? await grains.GetGrain<ITenantBrandingGrain>(tenantId).Get()
            : null;

    /// <summary>
    /// The tag for a heartbeat answer. Branding is decoration: if it cannot be read now, the heartbeat still answers
    /// (null: the agent shows the neutral default until a later heartbeat carries the tag again).
    /// </summary>
    public static async Task<string?> TagAsync(IGrainFactory grains, IReadOnlyList<string> companyIds, ILogger logger, string connectorId)
    {
        try
        {
            return await TenantOfAsync(grains, companyIds) is { } tenantId
                ? await grains.GetGrain<ITenantBrandingGrain>(tenantId).GetTag()
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Unreadable(logger, e, connectorId);
            return null;
        }
    }

    private static async Task<string?> TenantOfAsync(IGrainFactory grains, IReadOnlyList<string> companyIds) =>
        companyIds.Count == 0 ? null : (await grains.GetGrain<ICompanyGrain>(companyIds[0]).Get())?.TenantId;

    [LoggerMessage(100, LogLevel.Warning, "Agent gateway {ConnectorId}: the branding could not be read; the heartbeat answers without it")]
    private static partial void Unreadable(ILogger logger, Exception exception, string connectorId);
}
