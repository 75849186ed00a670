using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Storage.Probe;
using Orleans.Storage;

namespace Ledgerlink.Tests.Storage;

/// <summary>Blob grain storage as grains use it: <c>[PersistentState]</c> on a real silo, stored in a real Azurite.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class GrainStorageThroughGrainsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageScenario _scenario = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task A_state_never_written_activates_fresh_without_record_or_ETag()
    {
        var cluster = await _scenario.StartClusterAsync();

        var snapshot = await cluster.Probe("never-written").Peek();

        ProbeStates.AssertFresh(snapshot.State);
        Assert.False(snapshot.RecordExists);
        Assert.Null(snapshot.ETag);
        Assert.Empty(await _scenario.ListBlobNamesAsync());
    }

    [Fact]
    public async Task A_written_state_is_read_back_by_a_new_activation()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("round-trip");
        var written = ProbeStates.Random("written once", version: 7);

        var afterWrite = await grain.Write(written);
        await cluster.DeactivateAsync(grain);
        var reloaded = await grain.Peek();

        Assert.NotEqual(afterWrite.ActivationId, reloaded.ActivationId);
        ProbeStates.AssertSame(written, reloaded.State);
        Assert.True(reloaded.RecordExists);
        Assert.NotNull(afterWrite.ETag);
        Assert.Equal(afterWrite.ETag, reloaded.ETag);
        var blob = await _scenario.ReadBlobAsync(StateProbeGrain.StateName, grain.GetGrainId());
        Assert.Equal(afterWrite.ETag, blob?.ETag);
    }

    [Fact]
    public async Task A_grain_whose_stored_state_changed_behind_its_back_cannot_overwrite_it()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("overtaken");
        await grain.Write(ProbeStates.Random("mine", version: 1));

        // Another writer (say, a duplicate activation on a partitioned silo) replaces the state through the provider.
        var intruder = new GrainState<ProbeState>();
        await cluster.Storage.ReadStateAsync(StateProbeGrain.StateName, grain.GetGrainId(), intruder);
        var intruderState = ProbeStates.Random("theirs", version: 2);
        intruder.State = intruderState;
        await cluster.Storage.WriteStateAsync(StateProbeGrain.StateName, grain.GetGrainId(), intruder);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write(ProbeStates.Random("mine again", version: 3)));

        var reloaded = await grain.Reload();
        ProbeStates.AssertSame(intruderState, reloaded.State);
        Assert.Equal(intruder.ETag, reloaded.ETag);
    }

    [Fact]
    public async Task Clearing_a_state_makes_the_next_activation_fresh()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("cleared");
        await grain.Write(ProbeStates.Random("to be cleared", version: 3));

        var afterClear = await grain.Clear();
        await cluster.DeactivateAsync(grain);
        var reloaded = await grain.Peek();

        ProbeStates.AssertFresh(afterClear.State);
        Assert.False(afterClear.RecordExists);
        Assert.NotEqual(afterClear.ActivationId, reloaded.ActivationId);
        ProbeStates.AssertFresh(reloaded.State);
        Assert.False(reloaded.RecordExists);
        Assert.Null(reloaded.ETag);
        Assert.Null(await _scenario.ReadBlobAsync(StateProbeGrain.StateName, grain.GetGrainId()));
    }

    [Fact]
    public async Task A_one_megabyte_state_round_trips()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("large");
        var large = ProbeStates.Random("one mebibyte of random bytes", version: 1, payloadBytes: 1024 * 1024);

        await grain.Write(large);
        await cluster.DeactivateAsync(grain);
        var reloaded = await grain.Peek();

        ProbeStates.AssertSame(large, reloaded.State);
        var blob = await _scenario.ReadBlobAsync(StateProbeGrain.StateName, grain.GetGrainId());
        Assert.True(blob?.Content.Length > 1024 * 1024, $"stored blob is {blob?.Content.Length} bytes");
    }

    [Fact]
    public async Task Two_hundred_grains_written_concurrently_all_read_back_exactly()
    {
        const int grainCount = 200;
        var cluster = await _scenario.StartClusterAsync();
        var grains = Enumerable.Range(0, grainCount).Select(i => cluster.Probe($"many-{i}")).ToArray();
        var states = Enumerable.Range(0, grainCount).Select(i => ProbeStates.Random($"grain {i}", version: i)).ToArray();

        var written = await Task.WhenAll(grains.Select((grain, i) => grain.Write(states[i])));
        await Task.WhenAll(grains.Select(grain => cluster.DeactivateAsync(grain)));
        var reloaded = await Task.WhenAll(grains.Select(grain => grain.Peek()));

        for (var i = 0; i < grainCount; i++)
        {
            Assert.NotEqual(written[i].ActivationId, reloaded[i].ActivationId);
            ProbeStates.AssertSame(states[i], reloaded[i].State);
            Assert.Equal(written[i].ETag, reloaded[i].ETag);
        }

        Assert.Equal(grainCount, (await _scenario.ListBlobNamesAsync()).Count);
    }

    [Fact]
    public async Task State_survives_a_full_restart_of_the_cluster()
    {
        var before = await _scenario.StartClusterAsync();
        var state = ProbeStates.Random("before the restart", version: 42);
        var written = await before.Probe("survivor").Write(state);
        await before.DisposeAsync();

        var after = await _scenario.StartClusterAsync();
        var reloaded = await after.Probe("survivor").Peek();

        ProbeStates.AssertSame(state, reloaded.State);
        Assert.True(reloaded.RecordExists);
        Assert.Equal(written.ETag, reloaded.ETag);

        // The new cluster's grain holds a valid ETag: it can keep writing.
        var next = ProbeStates.Random("after the restart", version: 43);
        await after.Probe("survivor").Write(next);
        var blob = await _scenario.ReadBlobAsync(StateProbeGrain.StateName, after.Probe("survivor").GetGrainId());
        Assert.NotEqual(written.ETag, blob?.ETag);
    }
}
