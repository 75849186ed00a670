using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Storage.Probe;

namespace Ledgerlink.Tests.Storage;

/// <summary>Where the official provider keeps a grain's state: one blob per state and grain, any key round-trips.</summary>
[Collection(AzuriteCollection.Beside)]
public sealed class GrainStateNamingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageScenario _scenario = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task The_stored_blob_is_named_by_state_name_and_grain_id_as_a_json_document()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("company-123");

        await grain.Write(ProbeStates.Random("named", version: 1));

        var name = Assert.Single(await _scenario.ListBlobNamesAsync());
        Assert.Equal($"{StateProbeGrain.StateName}-{grain.GetGrainId()}.json", name);
        Assert.EndsWith("/company-123.json", name, StringComparison.Ordinal);
        var stored = await _scenario.ReadBlobAsync(StateProbeGrain.StateName, grain.GetGrainId());
        Assert.NotNull(stored);
        Assert.Equal((byte)'{', stored.Content[0]);
    }

    [Fact]
    public async Task An_odd_key_round_trips_and_keys_that_differ_only_in_odd_characters_stay_apart()
    {
        var cluster = await _scenario.StartClusterAsync();
        var keys = new[] { "acme/ltd 50%?#ü", "acme_ltd 50%?#ü", "acme ltd" };
        var states = keys.Select((key, i) => ProbeStates.Random($"odd key {i}", version: 1)).ToArray();

        for (var i = 0; i < keys.Length; i++)
        {
            await cluster.Probe(keys[i]).Write(states[i]);
            await cluster.DeactivateAsync(cluster.Probe(keys[i]));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            ProbeStates.AssertSame(states[i], (await cluster.Probe(keys[i]).Peek()).State);
        }

        Assert.Equal(keys.Length, (await _scenario.ListBlobNamesAsync()).Count);
    }
}
