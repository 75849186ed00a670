using Ledgerlink.Branding;

namespace Ledgerlink.Tenants;

/// <summary>
/// One tenant's branding (key: tenant id), kept apart from <see cref="ITenantGrain"/> because every heartbeat of every
/// agent asks for its tag, which must not queue behind webhook work.
/// </summary>
[Alias("Ledgerlink.Tenants.ITenantBrandingGrain")]
public interface ITenantBrandingGrain : IGrainWithStringKey
{
    /// <summary>The branding, or null when the tenant has set none (pages then show the neutral default).</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<TenantBranding?> Get();

    /// <summary>The current <see cref="TenantBranding.Tag"/>, or null; cheap, for heartbeats.</summary>
    [Alias("GetTag"), Orleans.Concurrency.ReadOnly]
    Task<string?> GetTag();

    /// <summary>Replaces the branding; refused with <see cref="ArgumentException"/> if it breaks <see cref="BrandingRules"/>.</summary>
    [Alias("Set")]
    Task<TenantBranding> Set(string displayName, string primaryColor, string? supportContact, byte[]? logo);

    /// <summary>Back to the neutral default.</summary>
    [Alias("Clear")]
    Task Clear();
}
