namespace Ledgerlink.Tests.Storage.Probe;

/// <summary>Builds distinguishable probe states and compares them by content (records compare arrays by reference).</summary>
public static class ProbeStates
{
    public static ProbeState Random(string text, int version, int payloadBytes = 32) =>
        new() { Text = text, Version = version, Payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(payloadBytes) };

    public static void AssertSame(ProbeState? expected, ProbeState? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Version, actual.Version);
        Assert.True(expected.Payload.AsSpan().SequenceEqual(actual.Payload),
            $"payload differs: expected {expected.Payload.Length} bytes, got {actual.Payload.Length}");
    }

    public static void AssertFresh(ProbeState? state)
    {
        Assert.NotNull(state);
        Assert.Equal(string.Empty, state.Text);
        Assert.Equal(0, state.Version);
        Assert.Empty(state.Payload);
    }
}
