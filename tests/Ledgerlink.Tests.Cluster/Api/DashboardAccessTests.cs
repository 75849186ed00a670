using System.Net;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api;

/// <summary>
/// The Orleans dashboard as someone after its data sees it: operator key only; the live log trace hidden; grain state
/// (webhook secrets, owner emails) unreadable unless an operator turns browsing on.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DashboardAccessTests(AzuriteFixture azurite)
{
    private const string GrainStatePath = "/dashboard/GrainState?grainId=tenant-a&grainType=Ledgerlink.Grains.Tenants.TenantGrain";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestApiKeys.IntegratorA, HttpStatusCode.Forbidden)]
    [InlineData(TestApiKeys.Support, HttpStatusCode.Forbidden)]
    public async Task Only_the_operator_key_opens_the_dashboard(string? key, HttpStatusCode expected)
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));
        using var http = silo.CreateHttpClient(key);
        foreach (var path in new[] { "/dashboard/", "/dashboard/Trace", GrainStatePath, "/dashboard/ClusterStats" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_live_trace_is_hidden_and_grain_state_is_off_by_default_but_an_operator_setting_turns_state_on()
    {
        await using (var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString)))
        {
            using var http = silo.CreateHttpClient(TestApiKeys.Operator);
            using var stats = await http.GetAsync(new Uri("/dashboard/ClusterStats", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);

            using var trace = await http.GetAsync(new Uri("/dashboard/Trace", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(trace.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"Trace answered {(int)trace.StatusCode}");

            using var state = await http.GetAsync(new Uri(GrainStatePath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
            Assert.DoesNotContain("whsec_", await state.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var browsing = RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?> { ["Ledgerlink:Dashboard:GrainStateBrowsing"] = "true" });
        await using (var silo = await RunningSilo.StartAsync(browsing))
        {
            using var http = silo.CreateHttpClient(TestApiKeys.Operator);
            using var state = await http.GetAsync(new Uri(GrainStatePath, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.NotFound, state.StatusCode);
        }
    }
}
