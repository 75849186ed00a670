namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// Tests that need real blob storage share an Azurite: put <c>[Collection(AzuriteCollection.Name)]</c> or
/// <c>[Collection(AzuriteCollection.Beside)]</c> on the class. The two collections run side by side, each with its own
/// Azurite, and the tests within one run one after another: two lanes for the two cores, split so each lane takes about
/// as long. xunit reads collection definitions from the test assembly only, so each test project declares them
/// (<c>AzuriteCollectionDefinition</c>) with <see cref="Azurite.AzuriteFixture"/> as their fixture.
/// </summary>
public static class AzuriteCollection
{
    public const string Name = "Azurite";

    public const string Beside = "Azurite beside";
}
