using System.Net;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>Data generations are durable: a reset survives a silo restart, and restore afterwards still works.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DataRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_reset_survives_a_silo_restart_and_restore_after_it_brings_the_data_back()
    {
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        string companyId;
        string beforeReset;
        var scenario = await DataScenario.StartAsync(azurite, settings);
        try
        {
            companyId = scenario.CompanyId;
            await scenario.SyncAsync(["invoices", "taxRates"], dataType => DataScenario.Records(dataType, 64, "before"));
            beforeReset = await scenario.DataChecksumAsync();
            await scenario.ResetConfirmedAsync();
        }
        finally
        {
            await scenario.DisposeAsync();
        }

        // A new silo process over the same storage, on new ports, mailing to a maildev of its own.
        await using var mail = await MailDevServer.StartAsync();
        var restarted = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>(mail.SiloSettings)
        {
            ["Ledgerlink:ServiceId"] = settings["Ledgerlink:ServiceId"],
            ["Ledgerlink:ClusterId"] = settings["Ledgerlink:ClusterId"],
            ["Ledgerlink:Storage:GrainStateContainer"] = settings["Ledgerlink:Storage:GrainStateContainer"],
            ["Ledgerlink:Storage:DatasetContainer"] = settings["Ledgerlink:Storage:DatasetContainer"],
        });
        await using var silo = await RunningSilo.StartAsync(restarted);
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var generations = await http.GetJsonAsync($"/companies/{companyId}/data/generations");
        Assert.Equal(1, generations["currentGeneration"]!.GetValue<long>());
        Assert.Equal(0, generations["restorableGeneration"]!.GetValue<long>());
        var empty = await http.GetJsonAsync($"/companies/{companyId}/data/invoices");
        Assert.Equal(0, empty["totalResults"]!.GetValue<int>());

        // The owner's verification and the reset survived; the restore is confirmed from the email like any other.
        using var restore = await http.PostAsync(new Uri($"/companies/{companyId}/data/restore", UriKind.Relative), null);
        var requested = await restore.JsonAsync();
        Assert.True(restore.StatusCode == HttpStatusCode.Accepted, requested.ToJsonString());
        var email = await OwnerMail.WaitForConfirmationAsync(mail, DataScenario.OwnerEmail, requested["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(email))).Status);
        Assert.Equal(beforeReset, await DataScenario.DataChecksumAsync(http, companyId));
        var audit = await http.GetJsonAsync($"/companies/{companyId}/data/audit");
        Assert.Equal(new[] { "Restore", "Reset" }, audit["results"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }
}
