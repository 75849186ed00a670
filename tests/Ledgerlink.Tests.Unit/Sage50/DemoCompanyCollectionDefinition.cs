using Ledgerlink.Testing.Sage50;

namespace Ledgerlink.Tests.Sage50;

/// <summary>Declares, in this test assembly, the collection whose tests share one generated demo company.</summary>
[CollectionDefinition(DemoCompanyCollection.Name)]
public sealed class DemoCompanyCollectionDefinition : ICollectionFixture<DemoCompanyFixture>;
