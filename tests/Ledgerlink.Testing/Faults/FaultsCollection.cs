namespace Ledgerlink.Testing.Faults;

/// <summary>
/// The fault tests kill and stop processes and time the recovery: they run one at a time and alone (not beside other
/// test collections), so a busy machine does not turn a recovery-time bound into a measure of the test run's load.
/// Each test project that has such tests declares the collection (<c>FaultsCollectionDefinition</c>): xunit reads
/// collection definitions from the test assembly only.
/// </summary>
public static class FaultsCollection
{
    public const string Name = "Faults";
}
