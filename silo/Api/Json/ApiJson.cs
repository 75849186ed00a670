using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Json;

/// <summary>
/// The API's JSON conventions: camelCase names, enums as their Codat names, nulls omitted like Codat does. Enums are read
/// by name only: Codat's schema has no numbers for them, and a number would otherwise slip through as any member.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
