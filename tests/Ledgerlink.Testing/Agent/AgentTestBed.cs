using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.PullOperations;
using Ledgerlink.Security;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledgerlink.Testing.Agent;

/// <summary>
/// A real silo process over Azurite, an integrator's HTTP client, and an Orleans client the test uses to read
/// committed datasets (company grain's pointer, then the dataset blob itself), plus temp folders for agents and
/// Sage companies. Everything it started is stopped and deleted on dispose.
/// </summary>
public sealed class AgentTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly List<string> _folders = [];
    private readonly ConcurrentDictionary<string, string> _linkCodes = new(StringComparer.Ordinal);

    private AgentTestBed(SiloProcess silo)
    {
        Silo = silo;
        Http = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA));
    }

    public SiloProcess Silo { get; private set; }

    public HttpClient Http { get; }

    public static async Task<AgentTestBed> StartAsync(string storageConnectionString, IEnumerable<KeyValuePair<string, string?>>? siloSettings = null)
    {
        var settings = SiloProcess.Configure(storageConnectionString, [
            .. TestApiKeys.Settings(),
            new("Ledgerlink:Grains:HeartbeatInterval", "00:00:01"),
            .. siloSettings ?? [],
        ]);
        return new AgentTestBed(await SiloProcess.StartAsync(settings));
    }

    /// <summary>A test bed around a silo the test started itself (another silo of the same cluster); disposing it stops that silo.</summary>
    public static AgentTestBed Attach(SiloProcess silo) => new(silo);

    /// <summary>Kills the silo process and starts it again on the same ports and storage: every agent loses its connection.</summary>
    public async Task KillSiloAsync()
    {
        await Silo.Process.KillAsync();
    }

    public async Task StartSiloAgainAsync() => Silo = await SiloProcess.StartAsync(Silo.Settings);

    public string NewFolder(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    public AgentProcess Agent(string? gateway = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        AgentProcess.For(Silo, NewFolder("agent"), settings, gateway);

    /// <summary>
    /// A company with a Sage 50 (hbql) connection, as an integrator creates it; returns the company id (the licence key).
    /// The connection's one-time link code is then <see cref="LinkCode"/>.
    /// </summary>
    public async Task<string> CreateCompanyAsync(string name)
    {
        using var created = await Http.PostJsonAsync("/companies", new { name, ownerEmail = "owner@example.com" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();
        _linkCodes[companyId] = await IntegratorLinkCode.NewAsync(Http, companyId);
        return companyId;
    }

    /// <summary>The link code the integrator got with the company's connection (or its latest renewal here).</summary>
    public string LinkCode(string companyId) => _linkCodes[companyId];

    /// <summary><c>POST …/connections/{connectionId}/linkCode</c>: a new link code; the previous one stops working.</summary>
    public async Task<JsonNode> RenewLinkCodeAsync(string companyId)
    {
        var connectionId = (await Http.GetJsonAsync($"/companies/{companyId}/connections"))["results"]![0]!["id"]!.GetValue<string>();
        using var renewed = await Http.PostAsync(new Uri($"/companies/{companyId}/connections/{connectionId}/linkCode", UriKind.Relative), null);
        Assert.True(renewed.StatusCode == HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var connection = await renewed.JsonAsync();
        _linkCodes[companyId] = connection["linkCode"]!.GetValue<string>();
        return connection;
    }

    public async Task<string> ConnectionStatusAsync(string companyId)
    {
        var connections = await Http.GetJsonAsync($"/companies/{companyId}/connections");
        return connections["results"]![0]!["status"]!.GetValue<string>();
    }

    public async Task RefreshAllAsync(string companyId)
    {
        using var response = await Http.PostAsync(new Uri($"/companies/{companyId}/data/all", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Queues a refresh of one data type; <paramref name="fullSync"/> asks for a full read even when a delta would do.</summary>
    public async Task<JsonNode> QueueAsync(string companyId, string dataType, bool fullSync = false)
    {
        var query = fullSync ? "?fullSync=true" : string.Empty;
        using var response = await Http.PostAsync(new Uri($"/companies/{companyId}/data/queue/{dataType}{query}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public Task<JsonNode> DataStatusAsync(string companyId) => Http.GetJsonAsync($"/companies/{companyId}/dataStatus");

    public Task<JsonNode> OperationAsync(string companyId, string datasetId) => Http.GetJsonAsync($"/companies/{companyId}/data/history/{datasetId}");

    /// <summary>Waits until every data type of the company is Complete (fails at once on an error status).</summary>
    public async Task WaitForAllCompleteAsync(string companyId, ChildProcess? agent = null)
    {
        await Eventually.ValueAsync(
            () => DataStatusAsync(companyId),
            status =>
            {
                var states = DataTypeNames.All.Select(t => status[t]?["currentStatus"]?.GetValue<string>()).ToArray();
                var failed = states.FirstOrDefault(s => s is not null and not ("Queued" or "Fetching" or "Complete"));
                Assert.True(failed is null, $"A data type ended {failed}: {status}\n{agent?.Tail()}");
                return states.All(s => s == "Complete");
            },
            Patience,
            $"every data type of {companyId} to be Complete\n{agent?.Tail()}");
    }

    public async Task<JsonNode> WaitForOperationAsync(string companyId, string datasetId, Func<JsonNode, bool> done, string what, ChildProcess? agent = null) =>
        await Eventually.ValueAsync(() => OperationAsync(companyId, datasetId), done, Patience, $"{what}\n{agent?.Tail()}");

    /// <summary>
    /// The committed dataset of a data type, seen from outside as an integrator and the storage account see it: the
    /// API's latest successful sync and record count, and the blob's committed block list. (The gateway lets a test
    /// client call nothing but the agent contract, so the company grain is not asked.)
    /// </summary>
    public async Task<CommittedDataset?> CommittedAsync(string companyId, string dataType)
    {
        var status = (await DataStatusAsync(companyId))[dataType];
        if (status?["latestSuccessfulSyncId"]?.GetValue<string>() is not { } datasetId)
        {
            return null;
        }

        var operation = await OperationAsync(companyId, datasetId);
        var blobName = DatasetBlobName.For(Silo.ServiceId, companyId, dataType, datasetId);
        var blob = new BlockBlobClient(Silo.StorageConnectionString, Silo.DatasetContainer, blobName);
        var list = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value;
        var offset = 0L;
        var blocks = new List<DatasetBlock>();
        foreach (var block in list.CommittedBlocks)
        {
            blocks.Add(new DatasetBlock(offset, checked((int)block.SizeLong), RecordCount: 0));
            offset += block.SizeLong;
        }

        return new CommittedDataset(datasetId, dataType, blobName, operation["recordCount"]!.GetValue<long>(), blocks,
            DateTimeOffset.Parse(status["lastSuccessfulSync"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The committed dataset's records exactly as stored: the blob's gzip members, decompressed.</summary>
    public async Task<byte[]> ReadCommittedAsync(CommittedDataset dataset)
    {
        var blob = new BlobContainerClient(Silo.StorageConnectionString, Silo.DatasetContainer).GetBlobClient(dataset.BlobName);
        await using var compressed = await blob.OpenReadAsync();
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var records = new MemoryStream();
        await gzip.CopyToAsync(records);
        return records.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a process being reaped; temp is cleaned by the OS.
            }
        }
    }
}
