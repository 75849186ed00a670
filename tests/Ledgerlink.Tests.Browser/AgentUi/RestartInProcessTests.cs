using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// Restart connector inside the worker process (issue #17): the old host stops completely, its cluster client is closed,
/// then a new host starts and says hello; a restart the cluster could not record falls back to a new worker process.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RestartInProcessTests(AzuriteFixture azurite)
{
    private const string NewHost = "Restarting in this process: host ";
    private const string ClientClosed = "Cluster client closed (0 others still open";
    private const string Hello = "Connected to the cluster as connector";

    [Fact]
    public async Task Two_presses_in_a_row_each_cancel_the_running_sync_and_bring_a_new_host_online_after_the_old_cluster_client_closed()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ledgerlink:Agent:BatchBytes"] = "1024" });
        var connectorId = AgentUiTests.ConnectorIdOf(ui);
        var sage = ui.Bed.NewFolder("sage");
        // As in AgentUiTests: a journal in 1 KiB batches that cannot finish before the press, however loaded the machine.
        var options = new DemoCompanyOptions(20_000, Seed: 5);
        DemoCompanyGenerator.Generate(sage, options);
        var companyId = await ui.Bed.CreateCompanyAsync("Two Restarts Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), sage, DemoCompanyOptions.ManagerUserName, options.ManagerPassword);
        Assert.True(link.ExitCode == 0, link.StandardError);
        await ui.EnableRestartLinkAsync(connectorId, enabled: true);
        await Eventually.ValueAsync(ui.StatusAsync, s => s["restartLinkEnabled"]!.GetValue<bool>(), AgentTestBed.Patience, "the restart link enabled");
        var page = await ui.Chromium.OpenAsync(ui.Ui);

        for (var host = 2; host <= 3; host++)
        {
            var before = await ui.StatusAsync();
            var journalId = (await ui.Bed.QueueAsync(companyId, DataTypeNames.JournalEntries))["id"]!.GetValue<string>();
            await ui.Bed.WaitForOperationAsync(companyId, journalId,
                o => o["status"]!.GetValue<string>() == "Fetching" && o["recordCount"]!.GetValue<long>() > 0, "the journal sync to be part-stored", ui.Running);

            await page.GotoAsync("/about");
            await page.ClickAsync("#restart");
            await page.Locator("#restarting").WaitForAsync();

            var ended = await ui.Bed.WaitForOperationAsync(companyId, journalId, o => o["status"]!.GetValue<string>() is not ("Fetching" or "Queued"),
                "the journal sync to end", ui.Running);
            Assert.Equal("Cancelled", ended["status"]!.GetValue<string>());
            Assert.Contains("the connector restarted", ended["statusDescription"]!.GetValue<string>(), StringComparison.Ordinal);

            var after = await ui.WaitOnlineAsync(notWorker: before["workerId"]!.GetValue<string>());
            Assert.Equal(before["processId"]!.GetValue<int>(), after["processId"]!.GetValue<int>());
            Assert.EndsWith($".{host}", after["workerId"]!.GetValue<string>(), StringComparison.Ordinal);
            AgentUiTests.AssertRestartedInProcessNotCrashed(ui, host);
            await page.WaitForURLAsync("**/about");

            // In the worker's own log, in order: the old host's hello, its cluster client closed with none left open,
            // the new host starting, its hello. So the connector was never served by two clients of this agent at once.
            var lines = ui.Running.Lines.ToList();
            var started = lines.FindIndex(l => l.Contains($"{NewHost}{host} starting", StringComparison.Ordinal));
            var oldHello = lines.FindLastIndex(started, l => l.Contains(Hello, StringComparison.Ordinal));
            var closed = lines.FindLastIndex(started, l => l.Contains(ClientClosed, StringComparison.Ordinal));
            var newHello = await Eventually.ValueAsync(
                () => Task.FromResult(ui.Running.Lines.ToList().FindIndex(started, l => l.Contains(Hello, StringComparison.Ordinal))),
                i => i > started, AgentTestBed.Patience, "the new host's hello in the log");
            Assert.True(oldHello >= 0 && oldHello < closed && closed < started && started < newHello,
                $"old hello {oldHello}, client closed {closed}, host {host} started {started}, new hello {newHello}\n{ui.Running.Tail(80)}");

            var connector = await Eventually.ValueAsync(() => ui.ConnectorAsync(connectorId), c => c["online"]!.GetValue<bool>(), AgentTestBed.Patience, "the connector online");
            Assert.Equal(after["processId"]!.GetValue<int>(), connector["processId"]!.GetValue<int>());
        }

        // Work queued after the restarts runs on the third host.
        var queued = await ui.Bed.QueueAsync(companyId, DataTypeNames.TaxRates);
        await ui.Bed.WaitForOperationAsync(companyId, queued["id"]!.GetValue<string>(), o => o["status"]!.GetValue<string>() == "Complete", "taxRates after the restarts", ui.Running);
    }

    [Fact]
    public async Task A_press_while_the_cluster_is_unreachable_restarts_the_worker_as_a_new_process_which_comes_online_when_the_silo_is_back()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var connectorId = AgentUiTests.ConnectorIdOf(ui);
        await ui.EnableRestartLinkAsync(connectorId, enabled: true);
        await Eventually.ValueAsync(ui.StatusAsync, s => s["restartLinkEnabled"]!.GetValue<bool>(), AgentTestBed.Patience, "the restart link enabled");
        var before = await ui.StatusAsync();

        await ui.Bed.KillSiloAsync();
        await Eventually.ValueAsync(ui.StatusAsync, s => s["connection"]!.GetValue<string>() == "Offline", AgentTestBed.Patience, "the agent offline");
        var page = await ui.Chromium.OpenAsync(ui.Ui);
        await page.GotoAsync("/about");
        await page.ClickAsync("#restart");
        await page.Locator("#restarting").WaitForAsync();

        // Nothing could tell the cluster: a new process, as a restart always was, so the connector sees a new one at its hello.
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await ui.StatusAsync();
                }
                catch (HttpRequestException)
                {
                    return new System.Text.Json.Nodes.JsonObject();
                }
            },
            s => s["processId"] is { } p && p.GetValue<int>() != before["processId"]!.GetValue<int>(),
            AgentTestBed.Patience,
            "a new worker process");
        Assert.Contains("asked for a restart; starting a new one", string.Join('\n', ui.Running.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(NewHost, string.Join('\n', ui.Running.Lines), StringComparison.Ordinal);

        await ui.Bed.StartSiloAgainAsync();
        var after = await ui.WaitOnlineAsync(notProcess: before["processId"]!.GetValue<int>());
        Assert.Equal(connectorId, after["connectorId"]!.GetValue<string>());
    }
}
