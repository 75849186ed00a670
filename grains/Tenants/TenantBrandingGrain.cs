using Ledgerlink.Branding;
using Ledgerlink.Tenants;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Grains.Tenants;

/// <summary>One tenant's branding: checked against <see cref="BrandingRules"/> again here, whoever calls.</summary>
public sealed class TenantBrandingGrain(
    [PersistentState("branding")] IPersistentState<TenantBrandingState> branding,
    TimeProvider time,
    ILogger<TenantBrandingGrain> logger) : Grain, ITenantBrandingGrain
{
    public Task<TenantBranding?> Get() => Task.FromResult(branding.State.Branding);

    public Task<string?> GetTag() => Task.FromResult(branding.State.Branding?.Tag);

    public async Task<TenantBranding> Set(string displayName, string primaryColor, string? supportContact, byte[]? logo)
    {
        displayName = displayName?.Trim() ?? string.Empty;
        supportContact = string.IsNullOrWhiteSpace(supportContact) ? null : supportContact.Trim();
        if (BrandingRules.Check(displayName, primaryColor, supportContact, logo) is [var (field, message), ..])
        {
            throw new ArgumentException(message, field);
        }

        var tag = BrandingRules.TagOf(displayName, primaryColor, supportContact, logo);
        if (branding.State.Branding is { } current && current.Tag == tag)
        {
            return current;
        }

        var updated = new TenantBranding(
            displayName, primaryColor.ToUpperInvariant(), supportContact, logo, logo is null ? null : BrandingRules.SniffImageType(logo),
            time.GetUtcNow(), tag);
        branding.State.Branding = updated;
        await branding.WriteStateAsync();
        TenantLog.BrandingSet(logger, this.GetPrimaryKeyString(), tag, logo?.Length ?? 0);
        return updated;
    }

    public async Task Clear()
    {
        if (branding.State.Branding is null)
        {
            return;
        }

        await branding.ClearStateAsync();
        branding.State = new TenantBrandingState();
        TenantLog.BrandingCleared(logger, this.GetPrimaryKeyString());
    }
}
