using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// A real silo process over Azurite (<see cref="AgentTestBed"/>), a real agent process (<c>ledgerlink-agent run</c>: the
/// supervisor and its worker) with its local UI on a free loopback port, a Sage COMPANY file the agent lists companies
/// from, a support client, and headless Chromium.
/// </summary>
public sealed class AgentUiTestBed : IAsyncDisposable
{
    private AgentUiTestBed(AgentTestBed bed, HeadlessChromium chromium, AgentProcess agent, ChildProcess running, Uri ui, string companyFile)
    {
        Bed = bed;
        Chromium = chromium;
        Agent = agent;
        Running = running;
        Ui = ui;
        CompanyFile = companyFile;
        Support = bed.Silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.Support));
        UiHttp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = ui };
    }

    public AgentTestBed Bed { get; }

    public HeadlessChromium Chromium { get; }

    public AgentProcess Agent { get; }

    /// <summary>The supervisor process (its worker is its child).</summary>
    public ChildProcess Running { get; }

    public Uri Ui { get; }

    public string CompanyFile { get; }

    public HttpClient Support { get; }

    /// <summary>A plain HTTP client on the agent's UI, for its status endpoint and for timing a press.</summary>
    public HttpClient UiHttp { get; }

    public static async Task<AgentUiTestBed> StartAsync(
        string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null, IEnumerable<KeyValuePair<string, string?>>? siloSettings = null)
    {
        var bed = await AgentTestBed.StartAsync(storageConnectionString, siloSettings);
        HeadlessChromium? chromium = null;
        try
        {
            chromium = await HeadlessChromium.LaunchAsync();
            var port = FreePort();
            var companyFile = Path.Combine(bed.NewFolder("sage-settings"), "COMPANY");
            var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Ledgerlink:Agent:Ui:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Ledgerlink:Agent:Ui:SageCompanyFile"] = companyFile,
            };
            var agent = bed.Agent(settings: all);
            var running = agent.Run();
            var testBed = new AgentUiTestBed(bed, chromium, agent, running, new Uri($"http://127.0.0.1:{port}/"), companyFile);
            await testBed.WaitOnlineAsync();
            return testBed;
        }
        catch
        {
            if (chromium is not null)
            {
                await chromium.DisposeAsync();
            }

            await bed.DisposeAsync();
            throw;
        }
    }

    public Task<JsonNode> StatusAsync() => UiHttp.GetJsonAsync("/api/status");

    /// <summary>
    /// Waits until the agent's worker is connected to the cluster; with <paramref name="notProcess"/>, a worker process other
    /// than that one; with <paramref name="notWorker"/>, a worker (<c>workerId</c>: a host in a process) other than that one.
    /// </summary>
    public async Task<JsonNode> WaitOnlineAsync(int? notProcess = null, string? notWorker = null) =>
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await StatusAsync();
                }
                catch (HttpRequestException)
                {
                    return new JsonObject();
                }
            },
            s => s["connection"]?.GetValue<string>() == "Online" && (notProcess is null || s["processId"]!.GetValue<int>() != notProcess)
                 && (notWorker is null || s["workerId"]!.GetValue<string>() != notWorker),
            AgentTestBed.Patience,
            $"the agent online{(notProcess is null ? string.Empty : $" in a worker process other than {notProcess}")}{(notWorker is null ? string.Empty : $" in a worker other than {notWorker}")}\n{Running.Tail()}");

    public Task<JsonNode> ConnectorAsync(string connectorId) => Support.GetJsonAsync($"/support/connectors/{connectorId}");

    /// <summary>Support's view of the release a connector is offered (<c>targetVersion</c>) and its hold.</summary>
    public Task<JsonNode> ConnectorReleaseAsync(string connectorId) => Support.GetJsonAsync($"/support/connectors/{connectorId}/release");

    public async Task EnableRestartLinkAsync(string connectorId, bool enabled)
    {
        using var response = await Support.PutAsJsonAsync($"/support/connectors/{connectorId}/restart-link", new { enabled });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        UiHttp.Dispose();
        Support.Dispose();
        await Running.DisposeAsync();
        await Chromium.DisposeAsync();
        await Bed.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
