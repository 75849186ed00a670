using System.Net;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// One real silo (Kestrel + Orleans over its own Azurite) shared by every bad-input test, seeded once: each tenant has a
/// company with a Sage 50 connection and one refresh Queued (no agent is connected, so it stays Queued), and tenant A also
/// has a company without a connection. Bad requests change nothing, so sharing the seed keeps each case to one HTTP call.
/// </summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const string QueuedDataTypeA = DataTypeNames.Invoices;
    public const string QueuedDataTypeB = DataTypeNames.Customers;

    private AzuriteServer? _azurite;
    private RunningSilo? _silo;

    public RunningSilo Silo => _silo ?? throw new InvalidOperationException("The API host is not started.");

    /// <summary>Tenant A's company with a connection and an <see cref="QueuedDataTypeA"/> refresh Queued.</summary>
    public string CompanyA { get; private set; } = string.Empty;

    public string ConnectionA { get; private set; } = string.Empty;

    public string DatasetA { get; private set; } = string.Empty;

    /// <summary>Tenant A's company that has no connection, so nothing can be refreshed for it.</summary>
    public string UnconnectedCompanyA { get; private set; } = string.Empty;

    /// <summary>Tenant B's company with a connection and a <see cref="QueuedDataTypeB"/> refresh Queued.</summary>
    public string CompanyB { get; private set; } = string.Empty;

    public string ConnectionB { get; private set; } = string.Empty;

    public string DatasetB { get; private set; } = string.Empty;

    public HttpClient Client(string? apiKey = TestApiKeys.IntegratorA) => Silo.CreateHttpClient(apiKey);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _silo = await RunningSilo.StartAsync(RunningSilo.Configure(_azurite.ConnectionString));

        using var a = Client(TestApiKeys.IntegratorA);
        (CompanyA, ConnectionA, DatasetA) = await SeedAsync(a, "Bad Input A Ltd", QueuedDataTypeA);
        UnconnectedCompanyA = (await CreatedAsync(a, "/companies", new { name = "No Connection Ltd" }))["id"]!.GetValue<string>();

        using var b = Client(TestApiKeys.IntegratorB);
        (CompanyB, ConnectionB, DatasetB) = await SeedAsync(b, "Bad Input B Ltd", QueuedDataTypeB);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private static async Task<(string Company, string Connection, string Dataset)> SeedAsync(HttpClient http, string name, string dataType)
    {
        var company = (await CreatedAsync(http, "/companies", new { name }))["id"]!.GetValue<string>();
        var connection = (await CreatedAsync(http, $"/companies/{company}/connections", new { platformKey = "hbql" }))["id"]!.GetValue<string>();
        var operation = await CreatedAsync(http, $"/companies/{company}/data/queue/{dataType}", new { });
        if (operation["status"]!.GetValue<string>() != "Queued")
        {
            throw new InvalidOperationException($"Seed refresh of {dataType} is not Queued: {operation.ToJsonString()}");
        }

        return (company, connection, operation["id"]!.GetValue<string>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> CreatedAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostJsonAsync(path, body);
        var json = await response.JsonAsync();
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"Seeding POST {path} answered {(int)response.StatusCode}: {json.ToJsonString()}");
        }

        return json;
    }
}

/// <summary>The bad-input test classes share one <see cref="ApiHostFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "API host";
}
