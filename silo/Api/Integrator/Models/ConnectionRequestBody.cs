using System.Text.Json.Serialization;
using Ledgerlink.Companies;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>Codat's create-connection body (<c>platformKey</c>).</summary>
public sealed record CreateConnectionBody([property: JsonPropertyName("platformKey")] string? PlatformKey);

/// <summary>Codat's <c>UpdateConnectionStatus</c> (unlink: <c>{"status":"Unlinked"}</c>).</summary>
public sealed record UpdateConnectionStatusBody([property: JsonPropertyName("status")] ConnectionStatus? Status);
