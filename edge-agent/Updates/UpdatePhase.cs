namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>Where an update is, as the About page says it.</summary>
public enum UpdatePhase
{
    UpToDate,
    Off,
    Downloading,
    WaitingForSyncs,
    Installing,
    RolledBack,
    Refused,

    /// <summary>The download or the cluster failed (not the release): tried again at the next heartbeat.</summary>
    Retrying,
}
