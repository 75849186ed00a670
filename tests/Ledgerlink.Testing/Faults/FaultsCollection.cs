namespace Ledgerlink.Tests.Faults;

/// <summary>
/// The fault tests kill and stop processes and time the recovery: they run one at a time and alone (not beside other
/// test collections), so a busy machine does not turn a recovery-time bound into a measure of the test run's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
