using System.Text.Json.Serialization;
using Ledgerlink.Branding;

namespace Ledgerlink.EdgeAgent.Status;

/// <summary>branding.json, serialised without reflection (same options as every file in the data folder).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TenantBranding))]
internal sealed partial class BrandingJsonContext : JsonSerializerContext;
