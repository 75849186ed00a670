using System.Text.Json;
using Ledgerlink.Agents;
using Ledgerlink.Branding;
using Ledgerlink.EdgeAgent.LocalFiles;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Status;

/// <summary>
/// The tenant's branding the local UI shows, as the cluster last gave it, kept in <c>branding.json</c> so the UI is
/// branded from the first page after a restart, even while the cluster is out of reach. Fetched again only when the
/// heartbeat's tag differs; what arrives is checked against <see cref="BrandingRules"/> before any page uses it.
/// </summary>
public sealed partial class BrandingCache
{
    private readonly Lock _gate = new();
    private TenantBranding? _current;

    public BrandingCache(string dataFolder)
    {
        FilePath = Path.Combine(dataFolder, "branding.json");
        try
        {
            _current = PrivateFile.ReadOrNull(FilePath) is { } json ? Acceptable(JsonSerializer.Deserialize(json, BrandingJsonContext.Default.TenantBranding)) : null;
        }
        catch (JsonException)
        {
            _current = null;
        }
    }

    public string FilePath { get; }

    /// <summary>The branding to show, or null for the neutral default.</summary>
    public TenantBranding? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// Brings the branding in line with the heartbeat's <paramref name="tag"/> (null: none). A failure leaves what is shown
    /// as it is; the next heartbeat tries again.
    /// </summary>
    public async Task FollowAsync(IAgentGatewayGrain gateway, AgentCredential credential, string? tag, ILogger logger, CancellationToken cancellationToken)
    {
        if (tag == Current?.Tag)
        {
            return;
        }

        try
        {
            var branding = tag is null ? null : Acceptable(await gateway.GetBranding(credential).WaitAsync(cancellationToken));
            lock (_gate)
            {
                _current = branding;
                if (branding is null)
                {
                    File.Delete(FilePath);
                }
                else
                {
                    PrivateFile.Write(FilePath, JsonSerializer.Serialize(branding, BrandingJsonContext.Default.TenantBranding));
                }
            }

            Changed(logger, branding?.DisplayName ?? "(neutral default)", branding?.Tag ?? "none");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            NotFetched(logger, e.GetType().Name, e.Message);
        }
    }

    /// <summary>The branding if it keeps every rule (a colour goes into CSS, a logo into an image response), else null.</summary>
    private static TenantBranding? Acceptable(TenantBranding? branding) =>
        branding is not null
        && BrandingRules.Check(branding.DisplayName, branding.PrimaryColor, branding.SupportContact, branding.Logo).Count == 0
        && (branding.Logo is null || BrandingRules.SniffImageType(branding.Logo) == branding.LogoContentType)
            ? branding
            : null;

    [LoggerMessage(40, LogLevel.Information, "The agent's UI now shows the branding of {DisplayName} (tag {Tag})")]
    private static partial void Changed(ILogger logger, string displayName, string tag);

    [LoggerMessage(41, LogLevel.Warning, "The branding could not be fetched ({ErrorType}: {Error}); the UI keeps what it shows")]
    private static partial void NotFetched(ILogger logger, string errorType, string error);
}
