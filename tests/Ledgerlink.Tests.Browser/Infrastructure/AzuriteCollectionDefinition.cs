using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Tests.Infrastructure;

/// <summary>Declares, in this test assembly, the collection whose tests share one Azurite of their own.</summary>
[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
