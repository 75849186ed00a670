using System.Diagnostics;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.AgentUi;

/// <summary><c>ledgerlink-agent run</c> supervises its worker: a crashed worker is started again; a worker whose supervisor is gone stops.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SupervisorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_crashed_worker_is_started_again_and_a_worker_without_its_supervisor_stops_so_running_the_agent_again_starts_everything()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var first = (await ui.StatusAsync())["processId"]!.GetValue<int>();
        Assert.NotEqual(ui.Running.Id, first);

        // A crash: the worker is killed outright. The supervisor starts a new one, which reconnects.
        using (var worker = Process.GetProcessById(first))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        var second = (await ui.WaitOnlineAsync(notProcess: first))["processId"]!.GetValue<int>();
        Assert.False(ui.Running.HasExited);

        // The supervisor dies (not the worker): the worker notices and stops, freeing the UI port and the data folder.
        using var orphan = Process.GetProcessById(second);
        using (var supervisor = Process.GetProcessById(ui.Running.Id))
        {
            supervisor.Kill(entireProcessTree: false);
        }

        await orphan.WaitForExitAsync().WaitAsync(AgentTestBed.Patience);

        // Running the executable by hand starts the supervisor and a worker again.
        await using var again = ui.Agent.Run();
        var status = await Eventually.ValueAsync(
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
            s => s["connection"]?.GetValue<string>() == "Online",
            AgentTestBed.Patience,
            $"the agent started by hand to come online\n{again.Tail()}");
        Assert.NotEqual(second, status["processId"]!.GetValue<int>());
        Assert.Equal(AgentUiTests.ConnectorIdOf(ui), status["connectorId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_restart_asked_by_support_restarts_the_worker_which_comes_back_online()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var connectorId = AgentUiTests.ConnectorIdOf(ui);
        var before = await ui.StatusAsync();

        using (var restart = await ui.Support.PostAsync(new Uri($"/support/connectors/{connectorId}/restart", UriKind.Relative), null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, restart.StatusCode);
        }

        var after = await ui.WaitOnlineAsync(notWorker: before["workerId"]!.GetValue<string>());
        Assert.False(ui.Running.HasExited, "the supervisor keeps running");
        AgentUiTests.AssertRestartedInProcessNotCrashed(ui);
        var audit = await ui.Support.GetJsonAsync($"/support/connectors/{connectorId}/audit");
        Assert.Contains(audit["results"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "connector.restarting" && e["result"]!.GetValue<string>() == "Succeeded");
        // The cluster recorded the restart, so the worker did it inside its process: same process, a new host.
        Assert.Equal(before["processId"]!.GetValue<int>(), after["processId"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_service_stop_stops_the_supervisor_and_its_worker_cleanly_with_exit_code_zero()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        using var worker = Process.GetProcessById((await ui.StatusAsync())["processId"]!.GetValue<int>());

        await ui.Running.TerminateAsync();

        var exitCode = await ui.Running.WaitForExitAsync(AgentTestBed.Patience);
        await worker.WaitForExitAsync().WaitAsync(AgentTestBed.Patience);
        Assert.True(exitCode == 0, $"the supervisor exited {exitCode}\n{ui.Running.Tail()}");
        Assert.DoesNotContain(ui.Running.Lines, line => line.Contains("Exception", StringComparison.Ordinal));
    }
}
