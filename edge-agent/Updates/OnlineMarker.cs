using Ledgerlink.EdgeAgent.LocalFiles;
using Ledgerlink.EdgeAgent.Supervision;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// A new version's worker tells its supervisor it is online: after its first successful hello it writes the file the
/// supervisor named in <see cref="WorkerExit.OnlineMarkerVariable"/>. A file survives any console or pipe trouble and
/// needs nothing from the supervisor but a look.
/// </summary>
public static class OnlineMarker
{
    private static int Written;

    public static void WriteIfAsked(string version)
    {
        if (Environment.GetEnvironmentVariable(WorkerExit.OnlineMarkerVariable) is not { Length: > 0 } path || Interlocked.Exchange(ref Written, 1) == 1)
        {
            return;
        }

        PrivateFile.Write(path, version);
    }
}
