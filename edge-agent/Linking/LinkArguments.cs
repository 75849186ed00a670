namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>What <c>ledgerlink-agent link</c> was given. The password and the link code are never printed.</summary>
public sealed record LinkArguments(string CompanyId, string LinkCode, string DataDirectory, string UserName, string Password)
{
    public const string Usage =
        "usage: ledgerlink-agent link --licence <licence key> --code <link code> --data-dir <Sage 50 data directory> --user <Sage user> --password <Sage password>\n" +
        "       (the licence key and the one-time link code are both on the link page the company you work with sent you)\n" +
        "       (the password may come from the LEDGERLINK_SAGE_PASSWORD environment variable instead of --password)";

    /// <returns>The arguments, or null with <paramref name="problem"/> saying what is missing.</returns>
    public static LinkArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Unexpected argument '{name}'.";
                return null;
            }

            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[name[2..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name[2..]] = args[++i];
            }
            else
            {
                problem = $"{name} needs a value.";
                return null;
            }
        }

        var licence = values.GetValueOrDefault("licence") ?? values.GetValueOrDefault("license");
        var code = values.GetValueOrDefault("code");
        var dataDirectory = values.GetValueOrDefault("data-dir");
        var user = values.GetValueOrDefault("user");
        var password = values.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("LEDGERLINK_SAGE_PASSWORD");
        var missing = new[] { ("--licence", licence), ("--code", code), ("--data-dir", dataDirectory), ("--user", user), ("--password", password) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToArray();
        if (missing.Length > 0)
        {
            problem = $"Missing {string.Join(", ", missing)}.";
            return null;
        }

        problem = null;
        return new LinkArguments(licence!.Trim(), code!.Trim(), dataDirectory!, user!, password!);
    }

    public override string ToString() => $"LinkArguments {{ CompanyId = {CompanyId}, DataDirectory = {DataDirectory}, UserName = {UserName} }}";
}
