namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// Tests that need real blob storage share one Azurite: put <c>[Collection(AzuriteCollection.Name)]</c> on the class. xunit
/// reads collection definitions from the test assembly only, so each test project declares it once
/// (<c>AzuriteCollectionDefinition</c>) with <see cref="Azurite.AzuriteFixture"/> as its fixture.
/// </summary>
public static class AzuriteCollection
{
    public const string Name = "Azurite";
}
