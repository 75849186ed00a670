namespace Ledgerlink.Releases;

/// <summary>How an agent's attempt to move to an offered release ended.</summary>
[GenerateSerializer]
public enum UpdateOutcome
{
    /// <summary>The new version's worker came online and is now the agent's current version.</summary>
    Installed,

    /// <summary>The new version's worker did not come online in time or kept crashing; the previous version runs again.</summary>
    RolledBack,

    /// <summary>The release failed a check before anything was installed (signature, hash, minimum version, archive).</summary>
    Refused,
}
