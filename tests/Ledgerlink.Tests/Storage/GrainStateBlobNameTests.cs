using Ledgerlink.Grains.Storage;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Tests.Infrastructure;
using Ledgerlink.Tests.Storage.Probe;

namespace Ledgerlink.Tests.Storage;

/// <summary>Blob names carry service id, state name and grain id, and any grain key yields a valid, distinct name.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStateBlobNameTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly StorageScenario _scenario = new(azurite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task The_stored_blob_is_named_by_service_id_state_name_and_grain_id()
    {
        var cluster = await _scenario.StartClusterAsync();
        var grain = cluster.Probe("company-123");

        await grain.Write(ProbeStates.Random("named", version: 1));

        var name = Assert.Single(await _scenario.ListBlobNamesAsync());
        var grainId = grain.GetGrainId();
        Assert.Equal($"{_scenario.ServiceId}/{StateProbeGrain.StateName}/{grainId.Type}/company-123", name);
    }

    [Fact]
    public async Task An_odd_key_is_escaped_into_one_path_segment_and_round_trips()
    {
        var cluster = await _scenario.StartClusterAsync();
        const string oddKey = "acme/ltd 50%?#ü..";
        var grain = cluster.Probe(oddKey);
        var state = ProbeStates.Random("odd key", version: 1);

        await grain.Write(state);
        await cluster.DeactivateAsync(grain);
        var reloaded = await grain.Peek();

        ProbeStates.AssertSame(state, reloaded.State);
        var name = Assert.Single(await _scenario.ListBlobNamesAsync());
        Assert.Equal(
            $"{_scenario.ServiceId}/{StateProbeGrain.StateName}/{grain.GetGrainId().Type}/acme~2Fltd~2050~25~3F~23~C3~BC~2E~2E",
            name);
    }

    [Fact]
    public void Keys_that_differ_only_in_escapable_characters_get_distinct_names()
    {
        var keys = new[] { "a/b", "a~2Fb", "a b", "a_b", "a-b", "A/B", "a/b/", "a//b" };

        var names = keys.Select(key => GrainStateBlobName.For("svc", "state", GrainId.Create("probe", key))).ToList();

        Assert.Equal(keys.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.Equal(3, name.Count(c => c == '/')));
    }

    [Fact]
    public void Service_id_and_state_name_are_escaped_too()
    {
        var name = GrainStateBlobName.For("my service", "state/name", GrainId.Create("probe", "k"));

        Assert.Equal("my~20service/state~2Fname/probe/k", name);
    }

    [Fact]
    public void A_very_long_key_is_hashed_to_stay_within_the_blob_name_limit_and_distinct()
    {
        var longKey = new string('x', 2000);
        var otherLongKey = new string('x', 1999) + "y";

        var name = GrainStateBlobName.For("svc", "state", GrainId.Create("probe", longKey));
        var other = GrainStateBlobName.For("svc", "state", GrainId.Create("probe", otherLongKey));

        Assert.True(name.Length <= 1024, $"{name.Length} characters");
        Assert.StartsWith("svc/state/probe/~sha256-", name);
        Assert.NotEqual(name, other);
    }
}
