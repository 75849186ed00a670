using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The demo company the agent offers out of the box (Hebden Oak Joinery Ltd, a few hundred splits, user MANAGER,
/// password "demo"). It is generated on first use rather than checked in: the generator is deterministic and takes
/// a fraction of a second at this size, so a binary in the repository would only be a copy that can drift from the
/// code that describes it. A stamp file records what generated it; a different generator version or different
/// options regenerate it.
/// </summary>
public static class BundledDemoCompany
{
    /// <summary>Bumped whenever the generator's output changes, so bundled demos made by an older agent are replaced.</summary>
    public const int GeneratorVersion = 2;

    public const string StampFileName = "ledgerlink-demo.txt";

    public static DemoCompanyOptions Options { get; } = new(DemoCompanySize.Tiny, Seed: 50);

    /// <summary>Makes sure the demo company is in <paramref name="dataDirectory"/> and returns how to open it.</summary>
    /// <returns>The location and whether it was (re)generated now.</returns>
    public static (Sage50CompanyLocation Location, bool Generated) Ensure(string dataDirectory)
    {
        var stampFile = Path.Combine(dataDirectory, Sage50DataDirectory.AccDataFolderName, StampFileName);
        var database = Path.Combine(dataDirectory, Sage50DataDirectory.AccDataFolderName, Sage50DataDirectory.DemoDatabaseFileName);
        var stamp = Stamp();
        var generated = false;
        if (!File.Exists(database) || !File.Exists(stampFile) || File.ReadAllText(stampFile) != stamp)
        {
            if (File.Exists(stampFile))
            {
                File.Delete(stampFile);
            }

            DemoCompanyGenerator.Generate(dataDirectory, Options);
            File.WriteAllText(stampFile, stamp);
            generated = true;
        }

        var location = new Sage50CompanyLocation(Path.GetFullPath(dataDirectory), DemoCompanyOptions.ManagerUserName, Options.ManagerPassword);
        return (location, generated);
    }

    private static string Stamp() => string.Create(CultureInfo.InvariantCulture,
        $"Ledgerlink demo company: generator {GeneratorVersion}, {Options.TargetSplitCount} splits, seed {Options.Seed}, from {Options.FinancialYearStart:yyyy-MM-dd}\n");
}
