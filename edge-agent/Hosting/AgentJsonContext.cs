using System.Text.Json.Serialization;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Linking;

namespace Ledgerlink.EdgeAgent.Hosting;

/// <summary>The agent's local files, serialised without reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AgentIdentity))]
[JsonSerializable(typeof(LinkedCompanies))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
