using System.Text.Json.Serialization;
using Ledgerlink.Companies;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's <c>Connection</c>. <c>linkUrl</c> is the page where the SMB downloads the agent and gets the licence key.</summary>
public sealed record ConnectionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("integrationId")] string IntegrationId,
    [property: JsonPropertyName("integrationKey")] string IntegrationKey,
    [property: JsonPropertyName("sourceId")] string SourceId,
    [property: JsonPropertyName("sourceType")] string SourceType,
    [property: JsonPropertyName("platformName")] string PlatformName,
    [property: JsonPropertyName("linkUrl")] string LinkUrl,
    [property: JsonPropertyName("status")] ConnectionStatus Status,
    [property: JsonPropertyName("lastSync")] DateTimeOffset? LastSync,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("connectionInfo")] IReadOnlyDictionary<string, string>? ConnectionInfo);
