using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Storage.Probe;
using Orleans.Storage;

namespace Ledgerlink.Tests.Storage;

/// <summary>
/// ETag rules of blob grain storage, driven through the provider the silo resolved, because a single grain
/// activation can never hold a stale ETag or race itself. Every verdict is checked against the blob as stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStorageConcurrencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string StateName = StateProbeGrain.StateName;
    private readonly StorageScenario _scenario = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Reading_a_state_never_written_resets_whatever_the_caller_held()
    {
        var cluster = await _scenario.StartClusterAsync();
        var held = new GrainState<ProbeState>(ProbeStates.Random("left over", version: 9), "\"0x8DSTALE\"") { RecordExists = true };

        await cluster.Storage.ReadStateAsync(StateName, GrainIdOf(cluster, "never-written"), held);

        ProbeStates.AssertFresh(held.State);
        Assert.False(held.RecordExists);
        Assert.Null(held.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_conflicts_and_leaves_the_stored_state_unchanged()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grainId = GrainIdOf(cluster, "stale-writer");
        var current = new GrainState<ProbeState>(ProbeStates.Random("v1", version: 1));
        await cluster.Storage.WriteStateAsync(StateName, grainId, current);
        var staleETag = current.ETag;
        var v2 = ProbeStates.Random("v2", version: 2);
        current.State = v2;
        await cluster.Storage.WriteStateAsync(StateName, grainId, current);
        var stored = await _scenario.ReadBlobAsync(StateName, grainId);

        var stale = new GrainState<ProbeState>(ProbeStates.Random("v3 from a stale copy", version: 3), staleETag);
        // The official provider does not report the ETags in the exception ("Unknown"); what matters is the refusal
        // and that neither the caller's ETag nor the stored state moved.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => cluster.Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.Equal(staleETag, stale.ETag);
        await AssertStoredAsync(cluster.Storage, grainId, stored, v2);
    }

    [Fact]
    public async Task A_second_first_write_on_an_existing_blob_conflicts_and_leaves_it_unchanged()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grainId = GrainIdOf(cluster, "second-first-write");
        var first = ProbeStates.Random("first", version: 1);
        await cluster.Storage.WriteStateAsync(StateName, grainId, new GrainState<ProbeState>(first));
        var stored = await _scenario.ReadBlobAsync(StateName, grainId);

        var unaware = new GrainState<ProbeState>(ProbeStates.Random("also first, it thinks", version: 1));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => cluster.Storage.WriteStateAsync(StateName, grainId, unaware));

        Assert.Null(unaware.ETag);
        Assert.False(unaware.RecordExists);
        await AssertStoredAsync(cluster.Storage, grainId, stored, first);
    }

    [Fact]
    public async Task Clear_with_a_stale_ETag_conflicts_and_keeps_the_stored_state()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grainId = GrainIdOf(cluster, "stale-clear");
        var current = new GrainState<ProbeState>(ProbeStates.Random("v1", version: 1));
        await cluster.Storage.WriteStateAsync(StateName, grainId, current);
        var staleETag = current.ETag;
        var v2 = ProbeStates.Random("v2", version: 2);
        current.State = v2;
        await cluster.Storage.WriteStateAsync(StateName, grainId, current);
        var stored = await _scenario.ReadBlobAsync(StateName, grainId);

        var stale = new GrainState<ProbeState>(ProbeStates.Random("v1", version: 1), staleETag) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => cluster.Storage.ClearStateAsync(StateName, grainId, stale));

        await AssertStoredAsync(cluster.Storage, grainId, stored, v2);
    }

    [Fact]
    public async Task Clear_with_the_current_ETag_removes_the_blob_and_a_read_is_fresh()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grainId = GrainIdOf(cluster, "clear-current");
        var current = new GrainState<ProbeState>(ProbeStates.Random("v1", version: 1));
        await cluster.Storage.WriteStateAsync(StateName, grainId, current);

        await cluster.Storage.ClearStateAsync(StateName, grainId, current);
        var reread = new GrainState<ProbeState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, reread);

        Assert.Null(current.ETag);
        Assert.False(current.RecordExists);
        ProbeStates.AssertFresh(reread.State);
        Assert.False(reread.RecordExists);
        Assert.Null(reread.ETag);
        Assert.Null(await _scenario.ReadBlobAsync(StateName, grainId));
    }

    [Fact]
    public async Task Two_writers_racing_with_the_same_ETag_exactly_one_wins()
    {
        const int rounds = 20;
        var cluster = await _scenario.StartClusterAsync();
        for (var round = 0; round < rounds; round++)
        {
            var grainId = GrainIdOf(cluster, $"race-{round}");
            var initial = new GrainState<ProbeState>(ProbeStates.Random("initial", version: 0));
            await cluster.Storage.WriteStateAsync(StateName, grainId, initial);

            var a = new GrainState<ProbeState>(ProbeStates.Random("writer a", version: 1), initial.ETag);
            var b = new GrainState<ProbeState>(ProbeStates.Random("writer b", version: 1), initial.ETag);
            var outcomes = await RaceAsync(
                () => cluster.Storage.WriteStateAsync(StateName, grainId, a),
                () => cluster.Storage.WriteStateAsync(StateName, grainId, b));

            await AssertExactlyOneWonAsync(cluster.Storage, round, grainId, outcomes, a, b);
        }
    }

    [Fact]
    public async Task Two_first_writers_racing_exactly_one_wins()
    {
        const int rounds = 20;
        var cluster = await _scenario.StartClusterAsync();
        for (var round = 0; round < rounds; round++)
        {
            var grainId = GrainIdOf(cluster, $"first-race-{round}");
            var a = new GrainState<ProbeState>(ProbeStates.Random("first writer a", version: 1));
            var b = new GrainState<ProbeState>(ProbeStates.Random("first writer b", version: 1));
            var outcomes = await RaceAsync(
                () => cluster.Storage.WriteStateAsync(StateName, grainId, a),
                () => cluster.Storage.WriteStateAsync(StateName, grainId, b));

            await AssertExactlyOneWonAsync(cluster.Storage, round, grainId, outcomes, a, b);
        }
    }

    [Fact]
    public async Task Tombstone_clear_keeps_an_ETag_so_a_later_stale_write_conflicts()
    {
        var cluster = await _scenario.StartClusterAsync(options => options.DeleteStateOnClear = false);
        var grainId = GrainIdOf(cluster, "tombstone");
        var owner = new GrainState<ProbeState>(ProbeStates.Random("before clear", version: 1));
        await cluster.Storage.WriteStateAsync(StateName, grainId, owner);
        var staleETag = owner.ETag;

        await cluster.Storage.ClearStateAsync(StateName, grainId, owner);

        Assert.NotNull(owner.ETag);
        Assert.NotEqual(staleETag, owner.ETag);
        Assert.False(owner.RecordExists);
        ProbeStates.AssertFresh(owner.State);
        var tombstone = await _scenario.ReadBlobAsync(StateName, grainId);
        Assert.NotNull(tombstone);
        Assert.Empty(tombstone.Content);
        Assert.Equal(owner.ETag, tombstone.ETag);

        // A writer that missed the clear, and one that believes nothing was ever written, are both refused.
        var missedTheClear = new GrainState<ProbeState>(ProbeStates.Random("stale", version: 2), staleETag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => cluster.Storage.WriteStateAsync(StateName, grainId, missedTheClear));
        var believesNothing = new GrainState<ProbeState>(ProbeStates.Random("first?", version: 2));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => cluster.Storage.WriteStateAsync(StateName, grainId, believesNothing));
        var afterRefusals = await _scenario.ReadBlobAsync(StateName, grainId);
        Assert.Equal(tombstone.ETag, afterRefusals?.ETag);
        Assert.Empty(afterRefusals!.Content);

        // A reader sees a fresh state that carries the tombstone's ETag, and may write on from there.
        var reader = new GrainState<ProbeState>();
        await cluster.Storage.ReadStateAsync(StateName, grainId, reader);
        ProbeStates.AssertFresh(reader.State);
        Assert.False(reader.RecordExists);
        Assert.Equal(tombstone.ETag, reader.ETag);
        var next = ProbeStates.Random("after the tombstone", version: 3);
        reader.State = next;
        await cluster.Storage.WriteStateAsync(StateName, grainId, reader);
        Assert.True(reader.RecordExists);
        var written = await _scenario.ReadBlobAsync(StateName, grainId);
        Assert.Equal(reader.ETag, written?.ETag);
        await AssertStoredAsync(cluster.Storage, grainId, written, next);
    }

    private static GrainId GrainIdOf(StorageTestCluster cluster, string key) => cluster.Probe(key).GetGrainId();

    /// <summary>Starts both operations only once both are ready, so neither gets a head start from task creation.</summary>
    private static async Task<Exception?[]> RaceAsync(Func<Task> first, Func<Task> second)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new[] { first, second }.Select(operation => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await operation();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(runs);
    }

    private async Task AssertExactlyOneWonAsync(
        IGrainStorage storage, int round, GrainId grainId, Exception?[] outcomes, GrainState<ProbeState> a, GrainState<ProbeState> b)
    {
        var winners = outcomes.Count(outcome => outcome is null);
        Assert.True(winners == 1, $"round {round}: {winners} writers succeeded; outcomes: {string.Join(", ", outcomes.Select(o => o?.GetType().Name ?? "ok"))}");
        var loser = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.IsType<InconsistentStateException>(loser);

        var winner = outcomes[0] is null ? a : b;
        var stored = await _scenario.ReadBlobAsync(StateName, grainId);
        Assert.Equal(winner.ETag, stored?.ETag);
        await AssertStoredAsync(storage, grainId, stored, winner.State);
    }

    /// <summary>
    /// The blob still has <paramref name="expectedBlob"/>'s ETag and bytes, and the provider decodes them to
    /// <paramref name="expected"/>.
    /// </summary>
    private async Task AssertStoredAsync(IGrainStorage storage, GrainId grainId, StoredBlob? expectedBlob, ProbeState? expected)
    {
        Assert.NotNull(expectedBlob);
        var now = await _scenario.ReadBlobAsync(StateName, grainId);
        Assert.NotNull(now);
        Assert.Equal(expectedBlob.ETag, now.ETag);
        Assert.Equal(expectedBlob.Content, now.Content);

        var decoded = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, grainId, decoded);
        ProbeStates.AssertSame(expected, decoded.State);
        Assert.True(decoded.RecordExists);
        Assert.Equal(now.ETag, decoded.ETag);
    }
}
