using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Updates;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ledgerlink.Tests.Updates;

/// <summary>
/// Silent updates with real processes (silo, Azurite, agent supervisor and worker): an operator publishes a release for
/// one connector and its agent (and no other), without any user action, downloads it through the gateway, verifies it,
/// switches and comes online as the new version with the same identity and links; a release whose worker cannot start
/// is rolled back and reported; a sync still running when the update has waited its limit is cancelled with the reason
/// and the next sync is exact; a tampered file, a tampered signature and a release that updates only from a newer
/// version are refused with nothing unpacked.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class AgentUpdateTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Archive = "linux-x64.tar.gz";

    [Fact]
    public async Task A_published_release_is_installed_silently_and_the_agent_keeps_its_identity_and_links()
    {
        // Version B is the same code published with another version number (dotnet publish -p:Version), built while
        // the silo and agents start.
        var versionB = AgentBuild.PublishAsync(TestReleases.HigherVersion);
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, SiloSettings(publicKey));
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var uiPort = AzuriteServer.FreeTcpPort();
        var agent = bed.Agent(settings: AgentSettings(publicKey, uiPort));
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);
        var connectorId = ConnectorId(agent);

        // A second agent on another PC, not in the canary: it hears the same cluster and must stay where it is.
        var bystander = bed.Agent(settings: AgentSettings(publicKey, AzuriteServer.FreeTcpPort()));
        await using var bystanderRunning = bystander.Run();
        var bystanderId = await RegisteredAsync(bystander, bystanderRunning);

        var built = await versionB;
        output.WriteLine($"version {built.Version} published by dotnet publish in {built.BuildTime.TotalSeconds:0} s");
        var package = await TestReleases.PackAsync(TestReleases.CopyAgentWithVersion(built.Folder, bed.NewFolder("release"), built.Version));
        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        await TestReleases.PublishAsync(operators, privateKey, TestReleases.HigherVersion, new Dictionary<string, byte[]> { [Archive] = package },
            new { kind = "Connectors", connectorIds = new[] { connectorId } });

        var published = Stopwatch.StartNew();
        var folders = new VersionFolders(agent.DataFolder);
        var state = await Eventually.ValueAsync(() => Task.FromResult(folders.Load()),
            s => s.Current == TestReleases.HigherVersion && s.LastAttempt is { Outcome: UpdateOutcome.Installed, Reported: true },
            AgentTestBed.Patience, $"the agent to switch to {TestReleases.HigherVersion} and report it\n{running.Tail()}");
        output.WriteLine($"{package.Length:N0} bytes ({Archive}) published to {TestReleases.HigherVersion} running and reported in {published.Elapsed.TotalSeconds:0.0} s");
        Assert.NotNull(state.CurrentSince);
        Assert.Null(state.Pending);
        Assert.True(folders.IsInstalled(TestReleases.HigherVersion));
        Assert.Equal([TestReleases.HigherVersion], Directory.EnumerateFileSystemEntries(folders.Root).Select(Path.GetFileName).Where(n => n != "state.json"));

        // The silo heard the new version's hello and support sees the update; the agent's own page says it is current.
        var release = await ConnectorReleaseAsync(bed, connectorId);
        Assert.Equal(TestReleases.HigherVersion, release["agentVersion"]!.GetValue<string>());
        Assert.Null(release["targetVersion"]);
        Assert.Equal("installed", release["lastUpdate"]!["outcome"]!.GetValue<string>());
        var status = await AgentStatusAsync(uiPort);
        Assert.Equal(TestReleases.HigherVersion, status["agentVersion"]!.GetValue<string>());
        Assert.Equal("Up to date", status["update"]!.GetValue<string>());
        Assert.Equal(connectorId, ConnectorId(agent));

        // Canary: the release was rolled out to one named connector, so the other is offered nothing and installed nothing.
        var untouched = await ConnectorReleaseAsync(bed, bystanderId);
        Assert.Equal(AgentVersion.Current, untouched["agentVersion"]!.GetValue<string>());
        Assert.Null(untouched["targetVersion"]);
        var bystanderState = new VersionFolders(bystander.DataFolder).Load();
        Assert.Null(bystanderState.Current);
        Assert.Null(bystanderState.LastAttempt);

        // Still linked: a sync asked for now runs on the new version and stores exactly what Sage holds.
        var datasetId = (await bed.QueueAsync(companyId, DataTypeNames.Customers, fullSync: true))["id"]!.GetValue<string>();
        var done = await bed.WaitForOperationAsync(companyId, datasetId, o => o["status"]!.GetValue<string>() is not ("Queued" or "Fetching"), "the sync after the update", running);
        Assert.Equal("Complete", done["status"]!.GetValue<string>());
        var stored = await bed.ReadCommittedAsync((await bed.CommittedAsync(companyId, DataTypeNames.Customers))!);
        Assert.Equal(AgentTestBed.Sha256(await DirectRead.NdjsonAsync(location, DataTypeNames.Customers)), AgentTestBed.Sha256(stored));
    }

    [Fact]
    public async Task An_update_that_waited_its_limit_for_a_running_sync_cancels_it_with_the_reason_and_the_next_sync_is_exact()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, SiloSettings(publicKey));
        var location = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(bed.NewFolder("sage"), 10_000, seed: 21));
        var companyId = await bed.CreateCompanyAsync("Calder Valley Mills Ltd");
        var agent = bed.Agent(settings: new Dictionary<string, string?>(AgentSettings(publicKey, AzuriteServer.FreeTcpPort()))
        {
            // Tiny batches keep the sync running long past the update's one-second wait.
            ["Ledgerlink:Agent:BatchBytes"] = "1024",
            ["Ledgerlink:Agent:Releases:SyncWaitLimit"] = "00:00:01",
        });
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);
        var package = await TestReleases.PackAsync(await TestReleases.CopyAgentBuiltAsHigherVersionAsync(bed.NewFolder("release")));
        const string dataType = DataTypeNames.JournalEntries;
        var syncId = (await bed.QueueAsync(companyId, dataType))["id"]!.GetValue<string>();
        await bed.WaitForOperationAsync(companyId, syncId,
            o => o["status"]!.GetValue<string>() == "Fetching" && o["recordCount"]!.GetValue<long>() > 0, "the sync to be part-stored", running);

        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        await TestReleases.PublishAsync(operators, privateKey, TestReleases.HigherVersion, new Dictionary<string, byte[]> { [Archive] = package },
            new { kind = "Connectors", connectorIds = new[] { ConnectorId(agent) } });

        var folders = new VersionFolders(agent.DataFolder);
        await Eventually.ValueAsync(() => Task.FromResult(folders.Load()),
            s => s.Current == TestReleases.HigherVersion && s.LastAttempt is { Outcome: UpdateOutcome.Installed, Reported: true },
            AgentTestBed.Patience, $"the agent to switch to {TestReleases.HigherVersion}\n{running.Tail()}");

        // The sync that outlasted the wait was cancelled with the reason, and nothing of it became readable.
        var stopped = await bed.OperationAsync(companyId, syncId);
        Assert.Equal("Cancelled", stopped["status"]!.GetValue<string>());
        Assert.Contains($"updating to {TestReleases.HigherVersion}", stopped["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await bed.CommittedAsync(companyId, dataType));

        var nextId = (await bed.QueueAsync(companyId, dataType))["id"]!.GetValue<string>();
        var done = await bed.WaitForOperationAsync(companyId, nextId, o => o["status"]!.GetValue<string>() is not ("Queued" or "Fetching"), "the sync on the new version", running);
        Assert.Equal("Complete", done["status"]!.GetValue<string>());
        var stored = await bed.ReadCommittedAsync((await bed.CommittedAsync(companyId, dataType))!);
        Assert.Equal(AgentTestBed.Sha256(await DirectRead.NdjsonAsync(location, dataType)), AgentTestBed.Sha256(stored));
    }

    [Fact]
    public async Task A_release_whose_worker_cannot_start_is_rolled_back_and_support_sees_why()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, SiloSettings(publicKey));
        var uiPort = AzuriteServer.FreeTcpPort();
        var agent = bed.Agent(settings: new Dictionary<string, string?>(AgentSettings(publicKey, uiPort))
        {
            ["Ledgerlink:Agent:Releases:CrashLimit"] = "2",
        });
        await using var running = agent.Run();
        var connectorId = await RegisteredAsync(agent, running);

        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        await TestReleases.PublishAsync(operators, privateKey, "99.0.0", new Dictionary<string, byte[]> { [Archive] = TestReleases.BrokenAgentArchive() });

        var folders = new VersionFolders(agent.DataFolder);
        var state = await Eventually.ValueAsync(() => Task.FromResult(folders.Load()),
            s => s.LastAttempt is { Outcome: UpdateOutcome.RolledBack, Reported: true },
            AgentTestBed.Patience, $"the supervisor to roll back and the old worker to report it\n{running.Tail()}");
        Assert.Equal(("99.0.0", (string?)null, (string?)null), (state.LastAttempt!.Version, state.Current, state.Pending));
        Assert.Contains("exited 2 times before coming online (last exit code 3)", state.LastAttempt.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folders.FolderOf("99.0.0")), "the failed version's folder is removed");
        Assert.Contains(running.Lines, l => l.Contains("this build cannot start", StringComparison.Ordinal));

        // The old version is online again, still offered 99.0.0 but not trying it again, and support sees the failure.
        var release = await ConnectorReleaseAsync(bed, connectorId);
        Assert.Equal(AgentVersion.Current, release["agentVersion"]!.GetValue<string>());
        Assert.Equal("99.0.0", release["targetVersion"]!.GetValue<string>());
        Assert.Equal("rolledBack", release["lastUpdate"]!["outcome"]!.GetValue<string>());
        Assert.Equal(state.LastAttempt.Reason, release["lastUpdate"]!["reason"]!.GetValue<string>());
        var status = await Eventually.ValueAsync(() => AgentStatusAsync(uiPort), s => s["connection"]!.GetValue<string>() == "Online"
            && s["update"]!.GetValue<string>().StartsWith("Version 99.0.0 was rolled back", StringComparison.Ordinal), AgentTestBed.Patience,
            $"the old worker online, saying why\n{running.Tail()}");
        Assert.Equal(AgentVersion.Current, status["agentVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tampered_file_or_signature_or_an_unmet_minimum_version_is_refused_nothing_is_unpacked_and_the_agent_says_why()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        var container = AzuriteFixture.UniqueContainerName("releases");
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, SiloSettings(publicKey, container));
        var uiPort = AzuriteServer.FreeTcpPort();
        var agent = bed.Agent(settings: AgentSettings(publicKey, uiPort));
        await using var running = agent.Run();
        var connectorId = await RegisteredAsync(agent, running);
        using var operators = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Operator));
        var releases = new BlobContainerClient(azurite.ConnectionString, container);
        var folders = new VersionFolders(agent.DataFolder);

        // Someone with write access to the storage account swaps the published archive after publishing.
        await TestReleases.PublishAsync(operators, privateKey, "98.0.0", new Dictionary<string, byte[]> { [Archive] = TestReleases.BrokenAgentArchive() },
            new { kind = "Connectors", connectorIds = new[] { "nobody-yet" } });
        await releases.GetBlobClient($"98.0.0/files/{Archive}").UploadAsync(new BinaryData(Enumerable.Reverse(TestReleases.BrokenAgentArchive()).ToArray()), overwrite: true);
        await RollOutAsync(operators, "98.0.0", connectorId);
        var hash = await RefusedAsync(folders, "98.0.0", running);
        Assert.StartsWith($"files.{Archive} does not match the manifest", hash.Reason, StringComparison.Ordinal);

        // A newer release whose manifest was changed in storage after the silo checked its signature.
        await TestReleases.PublishAsync(operators, privateKey, "98.1.0", new Dictionary<string, byte[]> { [Archive] = TestReleases.BrokenAgentArchive() },
            new { kind = "Connectors", connectorIds = new[] { "nobody-yet" } });
        var manifest = (await releases.GetBlobClient("98.1.0/manifest.json").DownloadContentAsync()).Value.Content.ToString()
            .Replace("\"minimumVersion\": \"0.0.1\"", "\"minimumVersion\": \"0.0.0\"", StringComparison.Ordinal);
        await releases.GetBlobClient("98.1.0/manifest.json").UploadAsync(BinaryData.FromString(manifest), overwrite: true);
        await RollOutAsync(operators, "98.1.0", connectorId);
        var signature = await RefusedAsync(folders, "98.1.0", running);
        Assert.StartsWith("The manifest's signature does not verify", signature.Reason, StringComparison.Ordinal);

        // A release that updates only from a version above this agent's, which support holds the connector at.
        await TestReleases.PublishAsync(operators, privateKey, "98.2.0", new Dictionary<string, byte[]> { [Archive] = TestReleases.BrokenAgentArchive() },
            new { kind = "Connectors", connectorIds = new[] { "nobody-yet" } }, minimumVersion: "50.0.0");
        using var support = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Support));
        using (var hold = await support.PutAsJsonAsync($"/support/connectors/{connectorId}/release-hold", new { version = "98.2.0" }))
        {
            Assert.True(hold.IsSuccessStatusCode, await hold.Content.ReadAsStringAsync());
        }

        var minimum = await RefusedAsync(folders, "98.2.0", running);
        Assert.StartsWith($"minimumVersion: version 98.2.0 updates only from 50.0.0 or later; this agent runs {AgentVersion.Current}.", minimum.Reason, StringComparison.Ordinal);

        // Nothing was unpacked, the agent runs its own version, says why, and support sees the refusal.
        Assert.Empty(Directory.EnumerateDirectories(folders.Root));
        Assert.Null(folders.Load().Current);
        var status = await AgentStatusAsync(uiPort);
        Assert.Equal(AgentVersion.Current, status["agentVersion"]!.GetValue<string>());
        Assert.Equal($"Version 98.2.0 was refused: {minimum.Reason}", status["update"]!.GetValue<string>());
        var release = await ConnectorReleaseAsync(bed, connectorId);
        Assert.Equal(("refused", "98.2.0"), (release["lastUpdate"]!["outcome"]!.GetValue<string>(), release["lastUpdate"]!["version"]!.GetValue<string>()));
    }

    private static IEnumerable<KeyValuePair<string, string?>> SiloSettings(string publicKey, string? container = null) =>
    [
        new("Ledgerlink:Releases:PublicKey", publicKey),
        new("Ledgerlink:Storage:ReleaseContainer", container ?? AzuriteFixture.UniqueContainerName("releases")),
    ];

    private static Dictionary<string, string?> AgentSettings(string publicKey, int uiPort) => new()
    {
        ["Ledgerlink:Agent:Releases:PublicKey"] = publicKey,
        ["Ledgerlink:Agent:Releases:OnlineTimeout"] = "00:01:30",
        ["Ledgerlink:Agent:Ui:Port"] = uiPort.ToString(CultureInfo.InvariantCulture),
    };

    private static string ConnectorId(AgentProcess agent) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(agent.DataFolder, "identity.json")))!["connectorId"]!.GetValue<string>();

    private static async Task<string> RegisteredAsync(AgentProcess agent, ChildProcess running)
    {
        await Eventually.ValueAsync(() => Task.FromResult(File.Exists(Path.Combine(agent.DataFolder, "identity.json"))), exists => exists,
            AgentTestBed.Patience, $"the agent to register\n{running.Tail()}");
        return ConnectorId(agent);
    }

    private static async Task RollOutAsync(HttpClient operators, string version, string connectorId)
    {
        using var rollout = await operators.PutAsJsonAsync($"/operator/releases/{version}/rollout", new { kind = "Connectors", connectorIds = new[] { connectorId } });
        Assert.True(rollout.IsSuccessStatusCode, await rollout.Content.ReadAsStringAsync());
    }

    private static async Task<UpdateAttempt> RefusedAsync(VersionFolders folders, string version, ChildProcess running)
    {
        var state = await Eventually.ValueAsync(() => Task.FromResult(folders.Load()),
            s => s.LastAttempt is { Outcome: UpdateOutcome.Refused, Reported: true } attempt && attempt.Version == version,
            AgentTestBed.Patience, $"the agent to refuse {version}\n{running.Tail()}");
        return state.LastAttempt!;
    }

    private static async Task<JsonNode> ConnectorReleaseAsync(AgentTestBed bed, string connectorId)
    {
        using var support = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Support));
        return await support.GetJsonAsync($"/support/connectors/{connectorId}/release");
    }

    private static async Task<JsonNode> AgentStatusAsync(int uiPort)
    {
        using var ui = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{uiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return await ui.GetJsonAsync("/api/status");
    }
}
