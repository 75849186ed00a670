using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>Integration</c>.</summary>
public sealed record IntegrationResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("logoUrl")] string LogoUrl,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("sourceId")] string SourceId,
    [property: JsonPropertyName("sourceType")] string SourceType,
    [property: JsonPropertyName("integrationId")] string IntegrationId,
    [property: JsonPropertyName("isOfflineConnector")] bool IsOfflineConnector,
    [property: JsonPropertyName("isBeta")] bool IsBeta,
    [property: JsonPropertyName("dataProvidedBy")] string DataProvidedBy,
    [property: JsonPropertyName("datatypeFeatures")] IReadOnlyList<DataTypeFeature> DatatypeFeatures);

public sealed record DataTypeFeature(
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("supportedFeatures")] IReadOnlyList<SupportedFeature> SupportedFeatures);

public sealed record SupportedFeature(
    [property: JsonPropertyName("featureType")] string FeatureType,
    [property: JsonPropertyName("featureState")] string FeatureState);
