using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Api;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Operations;

/// <summary>The Prometheus scrape endpoint an operator watches (docs/operations.md): operator key only, and it moves with a sync.</summary>
[Collection(MetricsCollectionDefinition.Name)]
public sealed partial class MetricsTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_sync_moves_the_sync_counters_and_records_ingested_on_the_operators_scrape_endpoint()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var operatorView = silo.CreateHttpClient(TestApiKeys.Operator);
        var companyId = await IntegratorCompanies.CreateAsync(integrator, "Metrics Ltd");
        var linkCode = await IntegratorLinkCode.NewAsync(integrator, companyId);
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();
        Assert.True((await agent.LinkAsync(companyId, linkCode)).Linked);
        var before = await ScrapeAsync(operatorView);

        using (var queued = await integrator.PostAsync(new Uri($"/companies/{companyId}/data/queue/customers", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        }

        var command = await agent.NextCommandAsync(Patience);
        await agent.RunPullAsync(command.PullOperationId!, ScriptedAgent.Records("customers", 40));
        var after = await ScrapeAsync(operatorView);

        // At least what this sync did: a meter is process-wide, and other tests' silos in this test process sync too
        // (a deployed silo has its process to itself).
        Assert.True(Value(after, "ledgerlink_records_ingested_total", "customers") - Value(before, "ledgerlink_records_ingested_total", "customers") >= 40, after);
        Assert.True(Value(after, "ledgerlink_syncs_started_total", "customers") - Value(before, "ledgerlink_syncs_started_total", "customers") >= 1, after);
        Assert.True(Value(after, "ledgerlink_syncs_finished_total", "customers", "Complete") - Value(before, "ledgerlink_syncs_finished_total", "customers", "Complete") >= 1, after);
        Assert.True(Value(after, "ledgerlink_bytes_ingested_bytes_total", "customers") > 0, after);
        Assert.Contains("ledgerlink_batch_duration_milliseconds_bucket", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connected_agents_and_the_oldest_queued_refresh_are_on_the_scrape()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var operatorView = silo.CreateHttpClient(TestApiKeys.Operator);

        // A refresh nobody takes: the company's connection has no agent linked, so its pull waits in the queue.
        var waiting = await IntegratorCompanies.CreateAsync(integrator, "Nobody Home Ltd");
        await IntegratorLinkCode.NewAsync(integrator, waiting);
        using (var queued = await integrator.PostAsync(new Uri($"/companies/{waiting}/data/queue/customers", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        }

        var queuedAt = DateTimeOffset.UtcNow;
        await using var agent = await ScriptedAgent.ConnectAsync(silo);
        await agent.RegisterAndHelloAsync();

        // The oldest queued refresh ages while it waits; gauges are read at each scrape.
        var scrape = await Eventually.ValueAsync(
            () => ScrapeAsync(operatorView),
            text => Highest(text, "ledgerlink_refresh_queued_oldest_age_seconds") >= 1,
            Patience,
            "the oldest queued refresh to be at least a second old on the scrape");
        Assert.True(Highest(scrape, "ledgerlink_refresh_queued") >= 1, scrape);
        Assert.True(Highest(scrape, "ledgerlink_refresh_queued_oldest_age_seconds") <= (DateTimeOffset.UtcNow - queuedAt).TotalSeconds + 5, scrape);
        Assert.True(Highest(scrape, "ledgerlink_agents_connected") >= 1, scrape);
    }

    [Fact]
    public async Task The_silos_working_set_managed_heap_and_cpu_time_are_on_the_scrape()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var operatorView = silo.CreateHttpClient(TestApiKeys.Operator);

        // The heap size is the one after the last GC: make sure there was one (this silo shares the test process).
        GC.Collect();
        var scrape = await ScrapeAsync(operatorView);

        // What the fleet benchmark divides by the connected agents; an operator sizes silos from the same figures.
        Assert.True(Highest(scrape, "dotnet_process_memory_working_set_bytes") > 1024 * 1024, scrape);
        Assert.True(Highest(scrape, "dotnet_gc_last_collection_heap_size_bytes") > 0, scrape);
        Assert.True(Highest(scrape, "dotnet_process_cpu_time_seconds_total") > 0, scrape);
    }

    [Fact]
    public async Task Only_an_operator_key_reads_the_metrics()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var anonymous = silo.CreateHttpClient();
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);

        using var noKey = await anonymous.GetAsync(new Uri("/operator/metrics", UriKind.Relative));
        using var wrongRole = await integrator.GetAsync(new Uri("/operator/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.DoesNotContain("ledgerlink_", await wrongRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient operatorView)
    {
        using var response = await operatorView.GetAsync(new Uri("/operator/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A counter's value for one data type (and status), 0 while it has not been written.</summary>
    private static double Value(string scrape, string metric, string dataType, string? status = null)
    {
        foreach (Match line in Sample().Matches(scrape))
        {
            var labels = line.Groups["labels"].Value;
            if (line.Groups["name"].Value == metric && labels.Contains($"data_type=\"{dataType}\"", StringComparison.Ordinal)
                && (status is null || labels.Contains($"status=\"{status}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>
    /// The highest value any series of a gauge has: every silo in this test process has its own instruments under the
    /// same meter name, and the scrape shows them all.
    /// </summary>
    private static double Highest(string scrape, string metric) =>
        Series().Matches(scrape)
            .Where(line => line.Groups["name"].Value == metric)
            .Select(line => double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(double.NegativeInfinity)
            .Max();

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Series();

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
