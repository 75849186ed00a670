using System.Text.Json.Serialization;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>versions/state.json, serialised without reflection, outcomes as words so a person can read the file.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(VersionState))]
internal sealed partial class VersionJsonContext : JsonSerializerContext;
