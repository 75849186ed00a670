namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>The cluster refused a batch; sending it again would not help.</summary>
public sealed class BatchRefusedException(long sequence, string? reason)
    : Exception($"The cluster refused batch {sequence}: {reason ?? "no reason given"}.");
