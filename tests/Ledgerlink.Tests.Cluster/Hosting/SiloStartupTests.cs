using System.Diagnostics;
using System.Net;
using Ledgerlink.Silo.Hosting;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class SiloStartupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_silo_over_Azurite_is_alive_and_ready_and_creates_its_container()
    {
        var settings = RunningSilo.Configure(azurite.ConnectionString);
        await using var silo = await RunningSilo.StartAsync(settings);
        using var http = silo.CreateHttpClient();

        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/ready", UriKind.Relative));

        var readyBody = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/ready answered {(int)ready.StatusCode}: {readyBody}");
        Assert.Contains("storage reachable", readyBody, StringComparison.Ordinal);
        var container = azurite.Server.CreateServiceClient().GetBlobContainerClient(settings["Ledgerlink:Storage:GrainStateContainer"]);
        Assert.True((await container.ExistsAsync()).Value);
    }

    [Fact]
    public async Task With_storage_down_start_fails_within_seconds_saying_storage_is_unreachable()
    {
        var nobodyListens = AzuriteServer.ConnectionStringFor(AzuriteServer.FreeTcpPort(), AzuriteServer.FreeTcpPort());
        var app = RunningSilo.Build(RunningSilo.Configure(nobodyListens));
        var clock = Stopwatch.StartNew();

        // The safety net is generous; the point is that start fails rather than hangs.
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(safetyNet.Token));
        clock.Stop();
        await app.DisposeAsync();

        Assert.False(safetyNet.IsCancellationRequested, "start-up hung until the test's safety net fired");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        var message = StartupFailure.Describe(failure);
        Assert.Contains("storage is unreachable", message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_turns_503_when_storage_goes_away_while_health_stays_200()
    {
        await using var ownAzurite = await AzuriteServer.StartOwnedAsync();
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(ownAzurite.ConnectionString));
        using var http = silo.CreateHttpClient();
        var before = await http.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.True(before.StatusCode == HttpStatusCode.OK, $"/ready answered {(int)before.StatusCode}: {await before.Content.ReadAsStringAsync()}");

        await ownAzurite.DisposeAsync();

        var ready = await http.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("storage unreachable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("Ledgerlink:Storage:ConnectionString", "not a connection string", "Ledgerlink:Storage:ConnectionString is malformed")]
    [InlineData("Ledgerlink:Storage:ConnectionString", "", "Ledgerlink:Storage:ConnectionString must not be empty")]
    [InlineData("Ledgerlink:Storage:GrainStateContainer", "Bad_Name", "Ledgerlink:Storage:GrainStateContainer 'Bad_Name' is not a valid container name")]
    [InlineData("Ledgerlink:Clustering:GatewayPort", "70000", "Ledgerlink:Clustering:GatewayPort must be a TCP port")]
    [InlineData("Ledgerlink:Clustering:GatewayListeningPort", "0", "Ledgerlink:Clustering:GatewayListeningPort must be a TCP port")]
    [InlineData("Ledgerlink:Clustering:Mode", "Redis", "Ledgerlink:Clustering:RedisConnectionString is required")]
    [InlineData("Ledgerlink:Clustering:TableConnectionString", "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;",
        "Ledgerlink:Clustering:TableConnectionString has no TableEndpoint")]
    [InlineData("Ledgerlink:Clustering:TableName", "bad-name", "Ledgerlink:Clustering:TableName 'bad-name' is not a valid Azure table name")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:0:Key", "short-key-Zr4Kp8Wd2Mx6Qt", "Ledgerlink:Api:BootstrapKeys:0:Key must be at least 32 characters")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:1:Key", "", "Ledgerlink:Api:BootstrapKeys:1:Key must be at least 32 characters")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:0:Key", "changeme-changeme-changeme-changeme", "Ledgerlink:Api:BootstrapKeys:0:Key contains the well-known weak value 'changeme'")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:2:Key", "my-super-secret-api-key-for-the-silo", "Ledgerlink:Api:BootstrapKeys:2:Key contains the well-known weak value 'secret'")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:3:Key", "Password1234567890Password1234567890", "Ledgerlink:Api:BootstrapKeys:3:Key contains the well-known weak value 'password'")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:0:Key", "abababababababababababababababababab", "Ledgerlink:Api:BootstrapKeys:0:Key is a repeated pattern")]
    [InlineData("Ledgerlink:Api:BootstrapKeys:0:Key", "Zr4Kp8Wd2Mx6Qt Zr4Kp8Wd2Mx6Qt Zr4Kp8Wd", "Ledgerlink:Api:BootstrapKeys:0:Key must not contain spaces")]
    public void A_bad_setting_is_refused_at_start_naming_the_setting(string key, string value, string expected)
    {
        var settings = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?> { [key] = value });
        if (key.StartsWith("Ledgerlink:Clustering:Table", StringComparison.Ordinal))
        {
            settings["Ledgerlink:Clustering:Mode"] = "AzureTable";
        }

        var failure = Assert.Throws<InvalidOperationException>(() => RunningSilo.Build(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteServer.AccountKey, failure.Message, StringComparison.Ordinal);
        if (key.StartsWith("Ledgerlink:Api:BootstrapKeys:", StringComparison.Ordinal) && value.Length > 0)
        {
            Assert.DoesNotContain(value, failure.Message, StringComparison.Ordinal);
        }
    }
}
