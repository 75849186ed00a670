using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Agent;

/// <summary>
/// Reset and restore as the business owner sees them: a real agent process syncs the Sage 50 demo company into a real
/// silo process, and every read goes through the integrator API.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AgentResetRestoreTests(AzuriteFixture azurite)
{
    private const string Owner = "owner@example.com";
    private const string RenamedAfterReset = "Renamed After Reset Ltd";

    [Fact]
    public async Task Sync_reset_sync_restore_brings_back_exactly_the_data_from_before_the_reset()
    {
        await using var mail = await MailDevServer.StartAsync();
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, mail.SiloSettings);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Reset And Restore Joinery Ltd");
        await OwnerMail.VerifyOwnerAsync(mail, Owner);
        var agent = bed.Agent();
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");

        await SyncEveryDataTypeAsync(bed, companyId, running);
        var beforeReset = await ReadEveryDataTypeAsync(bed.Http, companyId);
        Assert.All(DataTypeNames.All, type => Assert.True(beforeReset[type].Count > 0, $"{type} synced no records"));
        var profileBefore = await ProfileAsync(bed.Http, companyId);

        await ConfirmedByTheOwnerAsync(bed, mail, companyId, "reset");

        var afterReset = await ReadEveryDataTypeAsync(bed.Http, companyId);
        Assert.All(DataTypeNames.All, type => Assert.Empty(afterReset[type]));
        Assert.Equal(profileBefore, await ProfileAsync(bed.Http, companyId));
        Assert.Equal("Linked", await bed.ConnectionStatusAsync(companyId));

        // The books change in Sage after the reset, so the next sync differs from what the restore must bring back.
        var renamedCustomer = RenameFirstCustomer(location.DataDirectory);
        await SyncEveryDataTypeAsync(bed, companyId, running);
        var afterResetSync = await ReadEveryDataTypeAsync(bed.Http, companyId);
        Assert.Contains(afterResetSync[DataTypeNames.Customers], c => c["customerName"]?.GetValue<string>() == RenamedAfterReset);
        Assert.NotEqual(Checksum(beforeReset), Checksum(afterResetSync));

        await ConfirmedByTheOwnerAsync(bed, mail, companyId, "restore");

        var restored = await ReadEveryDataTypeAsync(bed.Http, companyId);
        Assert.Equal(Checksum(beforeReset), Checksum(restored));
        foreach (var type in DataTypeNames.All)
        {
            Assert.Equal(beforeReset[type].Count, restored[type].Count);
        }

        Assert.DoesNotContain(restored[DataTypeNames.Customers], c => c["customerName"]?.GetValue<string>() == RenamedAfterReset);
        Assert.Contains(restored[DataTypeNames.Customers], c => c["customerName"]?.GetValue<string>() == renamedCustomer);
        Assert.Equal(profileBefore, await ProfileAsync(bed.Http, companyId));
        Assert.Equal("Linked", await bed.ConnectionStatusAsync(companyId));
    }

    /// <summary>The integrator asks (202), the owner confirms from the email, and the confirmation reads Done.</summary>
    private static async Task ConfirmedByTheOwnerAsync(AgentTestBed bed, MailDevServer mail, string companyId, string action)
    {
        using var requested = await bed.Http.PostAsync(new Uri($"/companies/{companyId}/data/{action}", UriKind.Relative), null);
        var body = await requested.JsonAsync();
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var confirmationId = body["id"]!.GetValue<string>();
        var email = await OwnerMail.WaitForConfirmationAsync(mail, Owner, confirmationId);
        var (status, page) = await OwnerMail.ConfirmAsync(OwnerMail.Link(email));
        Assert.True(status == HttpStatusCode.OK, page);
        var confirmation = await bed.Http.GetJsonAsync($"/companies/{companyId}/data/confirmations/{confirmationId}");
        Assert.Equal("Done", confirmation["status"]!.GetValue<string>());
    }

    /// <summary>Queues every data type and waits for those very pull operations, not for statuses left by an earlier sync.</summary>
    private static async Task SyncEveryDataTypeAsync(AgentTestBed bed, string companyId, Testing.Processes.ChildProcess agent)
    {
        var operations = new List<string>();
        foreach (var type in DataTypeNames.All)
        {
            operations.Add((await bed.QueueAsync(companyId, type))["id"]!.GetValue<string>());
        }

        foreach (var datasetId in operations)
        {
            var done = await bed.WaitForOperationAsync(
                companyId, datasetId, op => op["status"]!.GetValue<string>() is not ("Initial" or "Queued" or "Fetching"), $"pull {datasetId} to finish", agent);
            Assert.Equal("Complete", done["status"]!.GetValue<string>());
        }
    }

    /// <summary>Every record of every data type, page by page through GET /companies/{id}/data/{dataType}.</summary>
    private static async Task<Dictionary<string, List<JsonNode>>> ReadEveryDataTypeAsync(HttpClient http, string companyId)
    {
        var all = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        foreach (var type in DataTypeNames.All)
        {
            var records = new List<JsonNode>();
            for (var page = 1; ; page++)
            {
                var body = await http.GetJsonAsync($"/companies/{companyId}/data/{type}?page={page}&pageSize=500");
                var results = body["results"]!.AsArray();
                records.AddRange(results.Select(r => r!.DeepClone()));
                if (results.Count < 500 || records.Count >= body["totalResults"]!.GetValue<int>())
                {
                    break;
                }
            }

            all[type] = records;
        }

        return all;
    }

    private static string Checksum(Dictionary<string, List<JsonNode>> data)
    {
        var text = new StringBuilder();
        foreach (var type in DataTypeNames.All.Order(StringComparer.Ordinal))
        {
            text.Append(type).Append('\n');
            foreach (var record in data[type])
            {
                text.Append(record.ToJsonString()).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static async Task<string> ProfileAsync(HttpClient http, string companyId)
    {
        var company = await http.GetJsonAsync($"/companies/{companyId}");
        return new JsonObject
        {
            ["id"] = company["id"]?.DeepClone(),
            ["name"] = company["name"]?.DeepClone(),
            ["description"] = company["description"]?.DeepClone(),
            ["ownerEmail"] = company["ownerEmail"]?.DeepClone(),
            ["created"] = company["created"]?.DeepClone(),
        }.ToJsonString();
    }

    /// <summary>Renames the first customer account in the Sage data; returns its name before.</summary>
    private static string RenameFirstCustomer(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "ACCDATA", "sage50.sqlite");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT ACCOUNT_REF, NAME FROM SALES_LEDGER ORDER BY ACCOUNT_REF LIMIT 1";
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read(), "the demo company has no customers");
        var (account, name) = (reader.GetString(0), reader.GetString(1));
        reader.Close();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE SALES_LEDGER SET NAME = $name WHERE ACCOUNT_REF = $account";
        update.Parameters.AddWithValue("$name", RenamedAfterReset);
        update.Parameters.AddWithValue("$account", account);
        Assert.Equal(1, update.ExecuteNonQuery());
        return name;
    }
}
