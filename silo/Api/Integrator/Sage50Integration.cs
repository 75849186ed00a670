using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Companies;
using Ledgerlink.Silo.Api.Integrator.Models;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>The one integration Ledgerlink offers: Sage 50 (UK &amp; Ireland), Codat platform key <c>hbql</c>.</summary>
public static class Sage50Integration
{
    /// <summary>The grains' key, so that the API and the company grain can never disagree about it.</summary>
    public const string PlatformKey = Sage50Platform.PlatformKey;
    public const string Name = "Sage 50 (UK)";
    public const string IntegrationId = "0c6d4b3a-5e1f-4a7b-9c2d-8e3f5a6b7c10";
    public const string SourceId = "sage50";
    public const string SourceType = "Accounting";

    public static IntegrationResponse Describe(ApiLinks links) => new(
        PlatformKey,
        links.Absolute("/static/sage50.svg"),
        Name,
        Enabled: true,
        SourceId,
        SourceType,
        IntegrationId,
        IsOfflineConnector: true,
        IsBeta: false,
        DataProvidedBy: "Ledgerlink",
        DataTypeNames.All.Select(type => new DataTypeFeature(type, [new SupportedFeature("Get", "Release")])).ToList());
}
