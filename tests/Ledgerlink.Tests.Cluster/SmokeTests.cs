using Ledgerlink.Diagnostics;
using Orleans.TestingHost;

namespace Ledgerlink.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task A_grain_answers_in_a_test_cluster()
    {
        var cluster = new InProcessTestClusterBuilder(1).Build();
        await cluster.DeployAsync();
        try
        {
            var answer = await cluster.Client.GetGrain<IPingGrain>(0).Ping(42);
            Assert.Equal(42, answer);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
