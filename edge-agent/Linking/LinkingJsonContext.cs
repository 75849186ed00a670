using System.Text.Json.Serialization;

namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>The linked companies file, serialised without reflection (same options as every file in the data folder).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LinkedCompanies))]
internal sealed partial class LinkingJsonContext : JsonSerializerContext;
