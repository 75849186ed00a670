using Ledgerlink.Testing.Azurite;

namespace Ledgerlink.Tests.Infrastructure;

/// <summary>Tests that need real blob storage share one Azurite: put <c>[Collection(AzuriteCollection.Name)]</c> on the class.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
