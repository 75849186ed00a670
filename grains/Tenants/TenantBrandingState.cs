using Ledgerlink.Branding;

namespace Ledgerlink.Grains.Tenants;

/// <summary>A tenant's branding, logo included (at most <see cref="BrandingRules.MaxLogoBytes"/>); null when none is set.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.TenantBrandingState")]
public sealed class TenantBrandingState
{
    [Id(0)]
    public TenantBranding? Branding { get; set; }
}
