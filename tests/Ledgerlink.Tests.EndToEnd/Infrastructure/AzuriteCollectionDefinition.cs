using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;

namespace Ledgerlink.Tests.Infrastructure;

/// <summary>Declares, in this test assembly, the collection whose tests share one Azurite of their own.</summary>
[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;

/// <summary>The second lane: its tests share another Azurite and run beside those of <see cref="AzuriteCollectionDefinition"/>.</summary>
[CollectionDefinition(AzuriteCollection.Beside)]
public sealed class AzuriteBesideCollectionDefinition : ICollectionFixture<AzuriteFixture>;
