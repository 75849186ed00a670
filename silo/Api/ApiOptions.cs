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
