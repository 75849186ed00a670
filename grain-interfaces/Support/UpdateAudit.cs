namespace Ledgerlink.Support;

/// <summary>
/// The audit actions an agent's update reports are recorded as (target: the release version): the silo writes them
/// and support's connector release view reads the newest one back as the last update attempt.
/// </summary>
public static class UpdateAudit
{
    public const string Installed = "connector.update.installed";

    public const string RolledBack = "connector.update.rolledBack";

    public const string Refused = "connector.update.refused";

    public static bool IsUpdate(string action) => action is Installed or RolledBack or Refused;

    /// <summary>How support reads the action: <c>installed</c>, <c>rolledBack</c> or <c>refused</c>.</summary>
    public static string Outcome(string action) => action[(action.LastIndexOf('.') + 1)..];
}
