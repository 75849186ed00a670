namespace Ledgerlink.Grains.Tenants;

/// <summary>A tenant's API keys: key id → the key's hash (the id of its grain). The hash is not a credential.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Tenants.ApiKeyDirectoryState")]
public sealed class ApiKeyDirectoryState
{
    [Id(0)]
    public Dictionary<string, string> KeyHashes { get; set; } = new(StringComparer.Ordinal);
}
