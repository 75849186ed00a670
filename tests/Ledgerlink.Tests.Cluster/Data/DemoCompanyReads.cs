using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Orchestration;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// The generated Sage 50 demo company synced into a real silo: every data type read by the Sage 50 readers and sent
/// through the agent gateway as the agent sends it, so reads are tested on the records a real sync commits.
/// </summary>
public sealed class DemoCompanyReads : IAsyncDisposable
{
    private readonly string _folder;

    private DemoCompanyReads(DataScenario scenario, string folder, Dictionary<string, List<string>> records)
    {
        Scenario = scenario;
        _folder = folder;
        Records = records;
    }

    public DataScenario Scenario { get; }

    /// <summary>What the readers read, per data type: the records the API must serve.</summary>
    public Dictionary<string, List<string>> Records { get; }

    public HttpClient Http => Scenario.Http;

    public string CompanyPath => $"/companies/{Scenario.CompanyId}";

    /// <summary>A plain read-only connection to the demo company's Sage tables, to check records against Sage's rows.</summary>
    public SqliteConnection OpenSql()
    {
        var connection = new SqliteConnection(
            $"Data Source={Path.Combine(_folder, Sage50DataDirectory.AccDataFolderName, Sage50DataDirectory.DemoDatabaseFileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public static async Task<DemoCompanyReads> StartAsync(AzuriteFixture azurite)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledgerlink-reads-" + Guid.NewGuid().ToString("N"));
        var manifest = DemoCompanyGenerator.Generate(folder, new DemoCompanyOptions(DemoCompanySize.Small, Seed: 7));
        var location = DemoCompanyGenerator.LocationOf(manifest);
        var records = new Dictionary<string, List<string>>();
        foreach (var dataType in DataTypeNames.All)
        {
            var ndjson = Encoding.UTF8.GetString(await DirectRead.NdjsonAsync(location, dataType));
            records[dataType] = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        var scenario = await DataScenario.StartAsync(azurite);
        // Batches of 200 records, so the larger data types span many blocks and the id index is tested across them.
        await scenario.SyncAsync(DataTypeNames.All, dataType => records[dataType], batchSize: 200);
        return new DemoCompanyReads(scenario, folder, records);
    }

    public List<JsonNode> Parsed(string dataType) => Records[dataType].Select(r => JsonNode.Parse(r)!).ToList();

    /// <summary>The company's one connection (the demo company's Sage 50 link).</summary>
    public async Task<string> ConnectionIdAsync()
    {
        var connections = await Http.GetJsonAsync($"{CompanyPath}/connections");
        return connections["results"]![0]!["id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await Scenario.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A test run's temp folder; the OS cleans it if a handle is still open here.
        }
    }
}
