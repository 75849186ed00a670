using System.Globalization;

namespace Ledgerlink.Testing.Processes;

/// <summary>
/// The built edge agent (ledgerlink-agent.dll) as a real process: <see cref="Run"/> starts <c>ledgerlink-agent run</c>,
/// <see cref="LinkAsync"/> runs <c>ledgerlink-agent link</c> to its end. Both use the same data folder, so they are
/// the same installation. It pins the test CA (<see cref="TestCertificates"/>); extra settings may change that.
/// </summary>
public sealed class AgentProcess(string dataFolder, string gateway, string clusterId, string serviceId, IReadOnlyDictionary<string, string?>? extraSettings = null)
{
    public string DataFolder { get; } = dataFolder;

    /// <summary>The gateway (<c>host:port</c>) the agent connects to; a test may put a proxy in front of the silo's.</summary>
    public string Gateway { get; } = gateway;

    public static AgentProcess For(SiloProcess silo, string dataFolder, IReadOnlyDictionary<string, string?>? extraSettings = null, string? gateway = null) =>
        new(dataFolder, gateway ?? silo.Gateway, silo.ClusterId, silo.ServiceId, extraSettings);

    public IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ledgerlink:Agent:Gateways:0"] = Gateway,
            ["Ledgerlink:Agent:ClusterId"] = clusterId,
            ["Ledgerlink:Agent:ServiceId"] = serviceId,
            ["Ledgerlink:Agent:DataFolder"] = DataFolder,
            ["Ledgerlink:Agent:MaxReconnectDelay"] = TimeSpan.FromSeconds(2).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in TestCertificates.AgentSettings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts <c>ledgerlink-agent run</c>; dispose the result to kill it.</summary>
    public ChildProcess Run() => ChildProcess.StartDotnet("agent", BuiltApplication.Agent, ["run"], ChildProcess.Environment(Settings()));

    /// <summary>Runs <c>ledgerlink-agent link</c> to its end; a null <paramref name="linkCode"/> leaves <c>--code</c> out.</summary>
    public async Task<ProcessResult> LinkAsync(
        string licence, string? linkCode, string dataDirectory, string user, string password, TimeSpan? timeout = null)
    {
        string[] code = linkCode is null ? [] : ["--code", linkCode];
        await using var process = ChildProcess.StartDotnet("agent link", BuiltApplication.Agent,
            ["link", "--licence", licence, .. code, "--data-dir", dataDirectory, "--user", user, "--password", password],
            ChildProcess.Environment(Settings()));
        var exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(90));
        return new ProcessResult(exitCode, process.StandardOutput, process.StandardError);
    }
}

/// <summary>How a process that ran to its end ended.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
