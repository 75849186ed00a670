using Ledgerlink.Testing.Azurite;

namespace Ledgerlink.Tests.Operations;

/// <summary>
/// The metrics tests run alone, with an Azurite of their own: a meter is seen by every silo's exporter in the test
/// process, so a gauge read while another lane's silo holds an older queued refresh would report that silo's age.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Metrics";
}
