using System.Text.Json.Serialization;

namespace Ledgerlink.EdgeAgent.Identity;

/// <summary>identity.json, serialised without reflection (same options as every file in the data folder).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentIdentity))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
