namespace Ledgerlink.Testing.Faults;

/// <summary>A fault an operator meets, as the fault campaign plays it against a sync in progress.</summary>
public enum FaultScenario
{
    /// <summary>Two silos on Azure Table clustering; the agent's gateway silo is SIGKILLed mid-sync.</summary>
    SiloKillAzureTable,

    /// <summary>The same kill, with the silos clustered through Redis.</summary>
    SiloKillRedis,

    /// <summary>Storage (Azurite: blob and table) stopped for a while at a random point of the sync, then started again.</summary>
    StorageOutage,
}

public static class FaultScenarioNames
{
    public static string Describe(this FaultScenario scenario) => scenario switch
    {
        FaultScenario.SiloKillAzureTable => "silo kill (Azure Table clustering)",
        FaultScenario.SiloKillRedis => "silo kill (Redis clustering)",
        _ => "storage outage",
    };

    public static bool KillsASilo(this FaultScenario scenario) => scenario != FaultScenario.StorageOutage;
}
