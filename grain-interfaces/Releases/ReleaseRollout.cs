namespace Ledgerlink.Releases;

public enum RolloutKind
{
    /// <summary>Every connector.</summary>
    All,

    /// <summary>A stable share of connectors: the same ones for a release however often it is asked, more as the percentage rises.</summary>
    Percentage,

    /// <summary>Only the named connectors (a canary).</summary>
    Connectors,
}

/// <summary>Which connectors a release is offered to.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Releases.ReleaseRollout")]
public sealed record ReleaseRollout(
    [property: Id(0)] RolloutKind Kind,
    [property: Id(1)] int Percent,
    [property: Id(2)] IReadOnlyList<string> ConnectorIds)
{
    public static ReleaseRollout Everyone { get; } = new(RolloutKind.All, 100, []);

    public bool Includes(string connectorId, string version) => Kind switch
    {
        RolloutKind.All => true,
        RolloutKind.Connectors => ConnectorIds.Contains(connectorId, StringComparer.Ordinal),
        _ => Bucket(connectorId, version) < Percent,
    };

    /// <summary>0–99 from the connector and the release: stable, and independent between releases.</summary>
    public static int Bucket(string connectorId, string version)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{connectorId}/{version}"));
        return (int)(BitConverter.ToUInt32(hash, 0) % 100);
    }
}
