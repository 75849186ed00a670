using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// <c>ledgerlink-agent demo</c>: writes the bundled demo company, a company of a given size and seed, changes one
/// deterministically, or backs it up and restores an older copy. One line of output; exit code 2 on bad arguments.
/// </summary>
public static class DemoCommand
{
    public const int Succeeded = 0;
    public const int BadArguments = 2;

    public const string Usage =
        "Usage: ledgerlink-agent demo [--data-dir <dir>]                                     (the bundled demo company)\n"
        + "       ledgerlink-agent demo --splits <n> [--seed <s>] [--password <pw>] [--data-dir <dir>]\n"
        + "       ledgerlink-agent demo --mutate [--edit <n>] [--post <m>] [--delete <k>] [--seed <s>] [--data-dir <dir>]\n"
        + "       ledgerlink-agent demo --backup-to <copy dir> [--data-dir <dir>]\n"
        + "       ledgerlink-agent demo --restore-older <copy dir> [--data-dir <dir>]";

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--mutate" };

    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal)
    {
        "--data-dir", "--splits", "--seed", "--password", "--edit", "--post", "--delete", "--backup-to", "--restore-older",
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (Flags.Contains(args[i]))
            {
                values[args[i]] = "";
            }
            else if (Valued.Contains(args[i]) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                return Fail(error, $"Unknown or incomplete argument '{args[i]}'.");
            }
        }

        var folder = values.GetValueOrDefault("--data-dir") ?? Path.Combine(Environment.CurrentDirectory, "ledgerlink-demo-company");
        var modes = new[] { "--splits", "--mutate", "--backup-to", "--restore-older" }.Count(values.ContainsKey);
        if (modes > 1)
        {
            return Fail(error, "Give only one of --splits, --mutate, --backup-to and --restore-older.");
        }

        if (!TryNumber(values, "--seed", 1, out var seed, error) || !TryNumber(values, "--splits", 0, out var splits, error)
            || !TryNumber(values, "--edit", 0, out var edits, error) || !TryNumber(values, "--post", 0, out var posts, error)
            || !TryNumber(values, "--delete", 0, out var deletes, error))
        {
            return BadArguments;
        }

        try
        {
            if (values.ContainsKey("--splits"))
            {
                if (splits < 50)
                {
                    return Fail(error, "--splits must be at least 50.");
                }

                var options = new DemoCompanyOptions(splits, seed) { ManagerPassword = values.GetValueOrDefault("--password") ?? "demo" };
                var manifest = DemoCompanyGenerator.Generate(folder, options);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Created a demo Sage 50 company of {manifest.SplitCount} splits and {manifest.HeaderCount} transactions (seed {seed}) at {manifest.DataDirectory} (user {manifest.UserName}, password {options.ManagerPassword})."));
                return Succeeded;
            }

            if (values.ContainsKey("--mutate"))
            {
                if (edits + posts + deletes == 0)
                {
                    return Fail(error, "--mutate needs at least one of --edit, --post and --delete.");
                }

                var mutation = DemoCompanyMutator.Mutate(folder, new DemoMutationOptions(edits, posts, deletes, seed));
                output.WriteLine($"Changed the demo company at {Path.GetFullPath(folder)}: {mutation}.");
                return Succeeded;
            }

            if (values.TryGetValue("--backup-to", out var backup))
            {
                DemoCompanyBackup.Copy(folder, backup);
                output.WriteLine($"Copied the demo company at {Path.GetFullPath(folder)} to {Path.GetFullPath(backup)}.");
                return Succeeded;
            }

            if (values.TryGetValue("--restore-older", out var older))
            {
                DemoCompanyBackup.Restore(older, folder);
                output.WriteLine($"Restored the older copy {Path.GetFullPath(older)} over the demo company at {Path.GetFullPath(folder)}.");
                return Succeeded;
            }

            // Writes the bundled demo company (Hebden Oak Joinery Ltd, user MANAGER, password demo) to try the agent without Sage.
            var (location, generated) = BundledDemoCompany.Ensure(folder);
            output.WriteLine($"{(generated ? "Created" : "Found")} the demo Sage 50 company at {location.DataDirectory} (user {location.UserName}, password {location.Password}).");
            return Succeeded;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message);
        }
    }

    private static bool TryNumber(Dictionary<string, string> values, string name, int fallback, out int number, TextWriter error)
    {
        number = fallback;
        if (!values.TryGetValue(name, out var text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        Fail(error, $"{name} must be a whole number, not '{text}'.");
        return false;
    }

    private static int Fail(TextWriter error, string problem)
    {
        error.WriteLine($"{problem}\n{Usage}");
        return BadArguments;
    }
}
