using Ledgerlink.Testing.Faults;

namespace Ledgerlink.Tests.Faults;

/// <summary>Declares, in this test assembly, the fault tests' collection: one at a time, and not beside other collections.</summary>
[CollectionDefinition(FaultsCollection.Name, DisableParallelization = true)]
public sealed class FaultsCollectionDefinition;
