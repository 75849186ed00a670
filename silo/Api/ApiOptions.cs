using Ledgerlink.Tenants;

namespace Ledgerlink.Silo.Api;

/// <summary>The <c>Ledgerlink:Api</c> settings.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Ledgerlink:Api";

    /// <summary>
    /// The address integrators and SMB users reach this API at; link URLs in connections and companies are built on it.
    /// Defaults to the address of the request.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The silo gateways (<c>host:port</c>) agents dial, as the link page's install command names them, e.g.
    /// <c>Ledgerlink__Api__AgentGateways__0=gateway.example.com:30000</c>. Defaults to the host the page was reached at
    /// with <c>Ledgerlink:Clustering:GatewayPort</c>.
    /// </summary>
    public List<string> AgentGateways { get; set; } = [];

    /// <summary>API keys registered at start, e.g. <c>Ledgerlink__Api__BootstrapKeys__0__Key</c>.</summary>
    public List<BootstrapKey> BootstrapKeys { get; set; } = [];

    public sealed class BootstrapKey
    {
        public string? Key { get; set; }

        public string? TenantId { get; set; }

        public ApiRole Role { get; set; } = ApiRole.Integrator;

        public string? Name { get; set; }
    }
}
