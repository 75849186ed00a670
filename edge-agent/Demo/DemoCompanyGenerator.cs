using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Generates a Sage-50-shaped demo company: <c>&lt;dataDirectory&gt;/ACCDATA/sage50.sqlite</c>, with Sage's ODBC
/// tables and columns, UK reference data, consistent double entry and one user, MANAGER. The same options give the
/// same content on every machine. This is the company the SQLite data source opens in place of a real one.
/// </summary>
public static class DemoCompanyGenerator
{
    /// <summary>Writes the company (replacing any there) and returns what it holds.</summary>
    /// <param name="dataDirectory">The company folder; ACCDATA is created inside it.</param>
    public static DemoCompanyManifest Generate(string dataDirectory, DemoCompanyOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TargetSplitCount, 50);
        ArgumentException.ThrowIfNullOrEmpty(options.ManagerPassword);

        var accData = Path.Combine(dataDirectory, Sage50DataDirectory.AccDataFolderName);
        Directory.CreateDirectory(accData);
        var file = Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName);
        // Built beside the real file and moved over it at the end: a crash leaves the old company or none, never half of one.
        var partial = file + ".partial";
        File.Delete(partial);
        DemoCompanyManifest manifest;
        try
        {
            using var database = DemoDatabase.Create(partial);
            manifest = new DemoCompanyBuilder(database, options).Build(Path.GetFullPath(dataDirectory));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        File.Move(partial, file, overwrite: true);
        return manifest;
    }

    /// <inheritdoc cref="Generate(string, DemoCompanyOptions)"/>
    public static DemoCompanyManifest Generate(string dataDirectory, int targetSplitCount, int seed) =>
        Generate(dataDirectory, new DemoCompanyOptions(targetSplitCount, seed));

    /// <summary>The company as the agent would open it: its folder, user MANAGER and the options' password.</summary>
    public static Sage50CompanyLocation LocationOf(DemoCompanyManifest manifest) =>
        new(manifest.DataDirectory, manifest.UserName, manifest.Options.ManagerPassword);
}
