namespace Ledgerlink.EdgeAgent.Configuration;

/// <summary>
/// <c>Ledgerlink:Agent:Releases</c>: silent updates. The release public key is pinned at install (PEM text, or a file
/// holding it); without one the agent installs nothing and its About page says updates are off. The rest are the
/// update's patience: how long it waits for running syncs, and how long the supervisor gives a new version.
/// </summary>
public sealed class AgentReleaseOptions
{
    public string? PublicKey { get; set; }

    public string? PublicKeyPath { get; set; }

    /// <summary>How long a downloaded update waits for running syncs before it cancels them ("updating to X").</summary>
    public TimeSpan SyncWaitLimit { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the supervisor gives a new version's worker to say hello to the cluster before it rolls back.</summary>
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Exits of a new version's worker before it came online after which the supervisor rolls back.</summary>
    public int CrashLimit { get; set; } = 3;

    /// <summary>The release public key's PEM text, or null (updates off). An unreadable key file is a configuration error.</summary>
    public string? ResolvePublicKey()
    {
        if (!string.IsNullOrWhiteSpace(PublicKey))
        {
            return PublicKey;
        }

        if (string.IsNullOrWhiteSpace(PublicKeyPath))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(PublicKeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentConfigurationException($"Ledgerlink:Agent:Releases:PublicKeyPath '{PublicKeyPath}' cannot be read: {e.Message}");
        }
    }
}
