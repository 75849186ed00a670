using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.Cluster;
using Xunit;

namespace Ledgerlink.Tests.Unit.Agent;

/// <summary>The agent's observer: rings make it fetch; pushed commands go to the session's scheduler once it listens.</summary>
public sealed class DoorbellTests
{
    private static readonly AgentCommand StartPull =
        new("start-pull-op-1", AgentCommandKind.StartPull, "company-1", "op-1", "customers", Reason: null);

    [Fact]
    public async Task Pushed_commands_go_to_the_scheduler_without_a_ring()
    {
        var doorbell = new Doorbell();
        var taken = new List<AgentCommand>();
        doorbell.TakePushedCommandsWith(taken.AddRange);

        await doorbell.CommandsPushed([StartPull]);

        Assert.Equal([StartPull], taken);
        Assert.False(await doorbell.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_push_before_the_scheduler_listens_is_a_ring_so_the_fetch_brings_the_commands()
    {
        var doorbell = new Doorbell();

        await doorbell.CommandsPushed([StartPull]);

        Assert.True(await doorbell.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
