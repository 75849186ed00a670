using System.Text.Json.Serialization;
using Ledgerlink.Branding;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Linking;

namespace Ledgerlink.EdgeAgent.Hosting;

/// <summary>The agent's local files, serialised without reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentIdentity))]
[JsonSerializable(typeof(LinkedCompanies))]
[JsonSerializable(typeof(TenantBranding))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
