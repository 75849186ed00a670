using System.Text.Json.Serialization;
using Ledgerlink.Companies;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>
/// Codat's <c>Connection</c>. <c>linkUrl</c> is the page where the SMB downloads the agent and gets the licence key.
/// Ours: <c>linkCode</c> and <c>linkCodeExpires</c>, only in the answer that issued a new one-time link code (create
/// connection, renew link code); the link code is then also in <c>linkUrl</c>'s fragment, which the page shows.
/// </summary>
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
    [property: JsonPropertyName("connectionInfo")] IReadOnlyDictionary<string, string>? ConnectionInfo,
    [property: JsonPropertyName("linkCode")] string? LinkCode = null,
    [property: JsonPropertyName("linkCodeExpires")] DateTimeOffset? LinkCodeExpires = null);
