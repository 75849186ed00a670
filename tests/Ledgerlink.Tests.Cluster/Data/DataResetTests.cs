using System.Net;
using System.Net.Http.Json;
using Ledgerlink.Connectors;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>Reset and restore of a company's synced data, through the HTTP API and the owner's confirmation email, with a scripted agent syncing.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class DataResetTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reset_empties_every_data_type_keeping_the_profile_and_restore_brings_back_exactly_the_data_before_it()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAllAsync("before-reset", count: 45);
        var beforeReset = await scenario.DataChecksumAsync();
        var company = (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}")).ToJsonString();

        // Confirmed by the owner from the email (DataScenario.ConfirmedAsync); the answer is the audit entry of the reset.
        var resetBody = await scenario.ResetConfirmedAsync();
        Assert.Equal("Reset", resetBody["action"]!.GetValue<string>());
        Assert.Equal(0, resetBody["fromGeneration"]!.GetValue<long>());
        Assert.Equal(1, resetBody["toGeneration"]!.GetValue<long>());
        Assert.Equal(0, resetBody["restorableGeneration"]!.GetValue<long>());
        Assert.Equal(DataTypeNames.All.Count, resetBody["datasets"]!.GetValue<int>());
        Assert.Equal(45L * DataTypeNames.All.Count, resetBody["records"]!.GetValue<long>());

        foreach (var dataType in DataTypeNames.All)
        {
            var records = await scenario.ReadAllAsync(dataType);
            Assert.NotNull(records);
            Assert.Empty(records);
        }

        Assert.Equal(company, (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}")).ToJsonString());
        var status = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/dataStatus");
        Assert.All(DataTypeNames.All, dataType =>
        {
            Assert.Equal(1, status[dataType]!["dataGeneration"]!.GetValue<long>());
            Assert.Null(status[dataType]!["recordCount"]);
            Assert.Null(status[dataType]!["latestSuccessfulSyncId"]);
            Assert.NotNull(status[dataType]!["lastDataReset"]);
        });

        await scenario.SyncAllAsync("after-reset", count: 12);
        var afterResetSync = await scenario.DataChecksumAsync();
        Assert.NotEqual(beforeReset, afterResetSync);

        var restoreBody = await scenario.RestoreConfirmedAsync();
        Assert.Equal(1, restoreBody["fromGeneration"]!.GetValue<long>());
        Assert.Equal(0, restoreBody["toGeneration"]!.GetValue<long>());

        Assert.Equal(beforeReset, await scenario.DataChecksumAsync());
        foreach (var dataType in DataTypeNames.All)
        {
            var records = await scenario.ReadAllAsync(dataType);
            Assert.Equal(45, records!.Count);
            Assert.All(records, r => Assert.Equal("before-reset", r["tag"]!.GetValue<string>()));
        }

        var restoredStatus = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/dataStatus");
        Assert.All(DataTypeNames.All, dataType => Assert.Equal(45, restoredStatus[dataType]!["recordCount"]!.GetValue<long>()));

        var audit = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit");
        Assert.Equal(new[] { "Restore", "Reset" }, audit["results"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(audit["results"]!.AsArray(), e =>
        {
            Assert.StartsWith("owner by email", e!["actor"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("asked by api key ", e["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        });

        var generations = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/generations");
        Assert.Equal(0, generations["currentGeneration"]!.GetValue<long>());
        Assert.False(generations["canRestore"]!.GetValue<bool>());
        Assert.Equal(1, generations["retiredGenerationsAwaitingDeletion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_refusal_is_clear_and_leaves_the_company_exactly_as_it_was()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices", "customers"], dataType => DataScenario.Records(dataType, 60, "v1"));
        var before = await scenario.StateChecksumAsync();

        // Typing the owner's address (or anyone's) no longer does anything: it only asks, and the owner is emailed.
        // Wrong, used and expired confirmations are in OwnerConfirmationTests.
        await AssertRefusedAsync(scenario.RequestRestoreAsync(), HttpStatusCode.Conflict, "nothing to restore");

        using (var otherTenant = scenario.Silo.CreateHttpClient(TestApiKeys.IntegratorB))
        {
            await AssertRefusedAsync(scenario.RequestResetAsync(otherTenant), HttpStatusCode.NotFound, scenario.CompanyId);
            await AssertRefusedAsync(scenario.RequestRestoreAsync(otherTenant), HttpStatusCode.NotFound, scenario.CompanyId);
        }

        using (var support = scenario.Silo.CreateHttpClient(TestApiKeys.Support))
        {
            await AssertRefusedAsync(scenario.RequestResetAsync(support), HttpStatusCode.Forbidden, "role");
        }

        using (var unknown = await scenario.Http.PostAsync(new Uri($"/companies/{Guid.NewGuid()}/data/reset", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var emailsBefore = (await scenario.Mail.EmailsAsync()).Count;

        // Bank feeds connected: the integrator says so on the company, and reset is refused until they say otherwise.
        using (var feeds = await scenario.Http.PatchAsJsonAsync($"/companies/{scenario.CompanyId}", new { bankFeedsConnected = true }))
        {
            Assert.Equal(HttpStatusCode.OK, feeds.StatusCode);
        }

        var withFeeds = await scenario.StateChecksumAsync();
        await AssertRefusedAsync(scenario.RequestResetAsync(), HttpStatusCode.Conflict, "bank feeds");
        Assert.Equal(withFeeds, await scenario.StateChecksumAsync());
        using (var feedsOff = await scenario.Http.PatchAsJsonAsync($"/companies/{scenario.CompanyId}", new { bankFeedsConnected = false }))
        {
            Assert.Equal(HttpStatusCode.OK, feedsOff.StatusCode);
        }

        Assert.Equal(before, await scenario.StateChecksumAsync());
        var audit = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit");
        Assert.Equal(0, audit["totalResults"]!.GetValue<int>());

        // No refusal emailed the owner.
        Assert.Equal(emailsBefore, (await scenario.Mail.EmailsAsync()).Count);

        // And after all that, the owner can still reset.
        Assert.Equal("Reset", (await scenario.ResetConfirmedAsync())["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sync_running_at_the_reset_is_cancelled_and_one_queued_before_it_runs_after_against_the_empty_state()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices", "customers", "bills"], dataType => DataScenario.Records(dataType, 30, "v1"));

        var running = await scenario.QueueAsync("customers");
        await scenario.StartCommandAsync(running);
        var credential = scenario.Agent.Credential!;
        var resume = await scenario.Agent.Gateway.StartPull(credential, running);
        var staged = DataScenario.Records("customers", 40, "running");
        Assert.True((await scenario.Agent.Gateway.AppendBatch(resume.Lease, ScriptedAgent.Batch(resume.NextSequence, staged))).Accepted);
        var queued = await scenario.QueueAsync("bills");
        var queuedCommand = await scenario.StartCommandAsync(queued);

        var body = await scenario.ResetConfirmedAsync();
        Assert.Equal(1, body["cancelledSyncs"]!.GetValue<int>());

        // The agent is told to stop, and the operation ends Cancelled; completing it now commits nothing.
        var cancel = await scenario.Agent.NextCommandAsync(DataScenario.Patience);
        Assert.Equal(AgentCommandKind.CancelPull, cancel.Kind);
        Assert.Equal(running, cancel.PullOperationId);
        await Eventually.ValueAsync(
            () => scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/history/{running}"),
            op => op["status"]!.GetValue<string>() == "Cancelled", DataScenario.Patience, "the running sync to be Cancelled");
        var late = await scenario.Agent.Gateway.CompletePull(resume.Lease, staged.Count);
        Assert.False(late.IsCompleted);
        Assert.Empty((await scenario.ReadAllAsync("customers"))!);
        var status = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/dataStatus");
        Assert.Equal("Cancelled", status["customers"]!["currentStatus"]!.GetValue<string>());
        Assert.Equal("Queued", status["bills"]!["currentStatus"]!.GetValue<string>());

        // The refresh queued before the reset runs after it, into the new, empty generation.
        Assert.Equal(queued, queuedCommand.PullOperationId);
        var done = await scenario.Agent.RunPullAsync(queued, DataScenario.Records("bills", 7, "after"));
        Assert.True(done.IsCompleted);
        var bills = await scenario.ReadAllAsync("bills");
        Assert.Equal(7, bills!.Count);
        Assert.All(bills, r => Assert.Equal("after", r["tag"]!.GetValue<string>()));
        Assert.Empty((await scenario.ReadAllAsync("invoices"))!);

        // Restore returns to the data before the reset, overwriting what the queued sync brought.
        await scenario.RestoreConfirmedAsync();
        foreach (var dataType in new[] { "invoices", "customers", "bills" })
        {
            var records = await scenario.ReadAllAsync(dataType);
            Assert.Equal(30, records!.Count);
            Assert.All(records, r => Assert.Equal("v1", r["tag"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_second_reset_replaces_the_restore_point_and_restore_returns_to_the_point_just_before_the_last_reset()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 10, "g0"));
        await scenario.ResetConfirmedAsync();
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 11, "g1"));
        var g1 = await scenario.DataChecksumAsync();
        await scenario.ResetConfirmedAsync();
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 12, "g2"));

        await scenario.RestoreConfirmedAsync();
        Assert.Equal(g1, await scenario.DataChecksumAsync());
        await AssertRefusedAsync(scenario.RequestRestoreAsync(), HttpStatusCode.Conflict, "already been restored");
    }

    internal static async Task AssertRefusedAsync(Task<HttpResponseMessage> call, HttpStatusCode expected, string mentions)
    {
        using var response = await call;
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal((int)expected, body["statusCode"]!.GetValue<int>());
        Assert.Contains(mentions, body["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
