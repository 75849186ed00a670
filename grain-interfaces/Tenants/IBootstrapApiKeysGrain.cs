namespace Ledgerlink.Tenants;

/// <summary>
/// Remembers which keys came from configuration (<c>Ledgerlink:Api:BootstrapKeys</c>) across starts (key:
/// <see cref="SingletonKey"/>), so a key removed from configuration is revoked at the next start instead of living on.
/// </summary>
[Alias("Ledgerlink.Tenants.IBootstrapApiKeysGrain")]
public interface IBootstrapApiKeysGrain : IGrainWithStringKey
{
    public const string SingletonKey = "configuration";

    /// <summary>
    /// Registers the configured keys (hash → info), revokes every key an earlier start registered that is no longer
    /// configured, and returns the key ids it revoked.
    /// </summary>
    [Alias("Reconcile")]
    Task<IReadOnlyList<string>> Reconcile(IReadOnlyDictionary<string, ApiKeyInfo> configured);
}
