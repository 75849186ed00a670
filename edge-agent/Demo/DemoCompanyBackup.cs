using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Takes a copy of a demo company and puts an older copy back, as Sage's Backup and Restore do: after a restore the
/// company's modify dates and highest TRAN_NUMBER can be older than what was last synced, the case in which an
/// incremental sync must not trust its watermark.
/// </summary>
public static class DemoCompanyBackup
{
    /// <summary>Copies the company in <paramref name="dataDirectory"/> to <paramref name="copyDirectory"/> (its own ACCDATA).</summary>
    public static void Copy(string dataDirectory, string copyDirectory) =>
        Replace(DemoCompanyMutator.DatabaseFile(dataDirectory), Path.Combine(copyDirectory, Sage50DataDirectory.AccDataFolderName));

    /// <summary>Puts the copy in <paramref name="copyDirectory"/> back over the company in <paramref name="dataDirectory"/>.</summary>
    public static void Restore(string copyDirectory, string dataDirectory)
    {
        var accData = Sage50DataDirectory.FindAccData(dataDirectory) ?? Path.Combine(dataDirectory, Sage50DataDirectory.AccDataFolderName);
        Replace(DemoCompanyMutator.DatabaseFile(copyDirectory), accData);
    }

    // Written beside the target and moved over it: a reader never sees half a company.
    private static void Replace(string sourceFile, string targetAccData)
    {
        Directory.CreateDirectory(targetAccData);
        var target = Path.Combine(targetAccData, Sage50DataDirectory.DemoDatabaseFileName);
        var partial = target + ".partial";
        File.Copy(sourceFile, partial, overwrite: true);
        File.Move(partial, target, overwrite: true);
    }
}
