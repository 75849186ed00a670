namespace Ledgerlink.EdgeAgent.Supervision;

/// <summary>How the worker process tells its supervisor why it ended.</summary>
public static class WorkerExit
{
    /// <summary>Stopped on purpose (service stop, Ctrl+C): the supervisor stops too.</summary>
    public const int Stopped = 0;

    /// <summary>Asked to restart ("Restart connector" or support's Restart command): relaunched at once. EX_TEMPFAIL.</summary>
    public const int Restart = 75;

    /// <summary>
    /// A new version is unpacked and recorded as pending in <c>versions/state.json</c>: the supervisor starts its worker
    /// and rolls back if it does not come online. EX_PROTOCOL's neighbour, unused by .NET itself.
    /// </summary>
    public const int Update = 76;

    /// <summary>Set by the supervisor for a new version's worker: the file to write once its hello succeeded.</summary>
    public const string OnlineMarkerVariable = "LEDGERLINK_AGENT_ONLINE_MARKER";

    /// <summary>Set by the supervisor in the worker's environment; the worker then ends when the supervisor is gone.</summary>
    public const string SupervisedVariable = "LEDGERLINK_AGENT_SUPERVISED";

    /// <summary>True in a worker its supervisor started (and will start again when it ends).</summary>
    public static bool Supervised => Environment.GetEnvironmentVariable(SupervisedVariable) == "1";
}
