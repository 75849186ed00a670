using System.Globalization;
using System.Text.Json.Nodes;

namespace Ledgerlink.Testing.Data;

/// <summary>
/// Codat's accounting read reference (OpenAPI 3.0) and a validator for the schema keywords it uses: <c>$ref</c>,
/// <c>type</c>, <c>nullable</c>, <c>enum</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>,
/// <c>items</c>, <c>allOf</c>, <c>minLength</c>/<c>maxLength</c>. A response is checked against the schema the reference
/// documents for the path's 200 answer, so a field of the wrong type, a missing required field or a field where the
/// schema forbids extra ones is reported with its JSON path.
/// </summary>
public sealed class CodatReference
{
    private readonly JsonNode _document;

    private CodatReference(JsonNode document) => _document = document;

    public static CodatReference Load() => new(JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Data", "Reference", "lending-accounting-reads.openapi.json")))!);

    /// <summary>Every problem with <paramref name="response"/> as the 200 answer of GET <paramref name="referencePath"/>; empty when it conforms.</summary>
    public List<string> Validate(string referencePath, JsonNode? response)
    {
        var operation = _document["paths"]?[referencePath]?["get"]
            ?? throw new ArgumentException($"The reference has no GET {referencePath}", nameof(referencePath));
        var schema = operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var problems = new List<string>();
        Check(schema, response, "$", problems, depth: 0);
        return problems;
    }

    /// <summary>Problems with an error body as Codat's <c>ErrorMessage</c>.</summary>
    public List<string> ValidateError(JsonNode? body)
    {
        var problems = new List<string>();
        Check(Resolve("#/components/schemas/ErrorMessage"), body, "$", problems, depth: 0);
        return problems;
    }

    public string SchemaNameOf(string referencePath) =>
        _document["paths"]![referencePath]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

    private JsonNode Resolve(string reference)
    {
        JsonNode node = _document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = (node is JsonArray array ? array[int.Parse(name, CultureInfo.InvariantCulture)] : node[name])
                ?? throw new InvalidOperationException($"$ref {reference} does not resolve");
        }

        return node;
    }

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> problems, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        if (schema["$ref"] is { } reference)
        {
            // Sibling keywords of $ref (description, nullable) are annotations in OpenAPI 3.0, except nullable.
            if (value is null && schema["nullable"]?.GetValue<bool>() == true)
            {
                return;
            }

            Check(Resolve(reference.GetValue<string>()), value, path, problems, depth + 1);
            return;
        }

        if (schema["allOf"] is JsonArray all)
        {
            foreach (var part in all)
            {
                Check(part!, value, path, problems, depth + 1);
            }
        }

        if (value is null)
        {
            if (schema["type"] is not null && schema["nullable"]?.GetValue<bool>() != true)
            {
                problems.Add($"{path}: null where the schema does not allow it");
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        var kind = value.GetValueKind();
        var typeOk = type switch
        {
            null => true,
            "string" => kind == System.Text.Json.JsonValueKind.String,
            "number" => kind == System.Text.Json.JsonValueKind.Number,
            "integer" => kind == System.Text.Json.JsonValueKind.Number && decimal.Truncate(value.GetValue<decimal>()) == value.GetValue<decimal>(),
            "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "object" => kind == System.Text.Json.JsonValueKind.Object,
            "array" => kind == System.Text.Json.JsonValueKind.Array,
            _ => true,
        };
        if (!typeOk)
        {
            problems.Add($"{path}: {kind} where the schema wants {type}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && kind == System.Text.Json.JsonValueKind.String
            && !allowed.Any(a => a?.GetValue<string>() == value.GetValue<string>()))
        {
            problems.Add($"{path}: '{value}' is not one of {string.Join(", ", allowed)}");
        }

        if (kind == System.Text.Json.JsonValueKind.String)
        {
            var length = value.GetValue<string>().Length;
            if (schema["minLength"] is { } min && length < min.GetValue<int>())
            {
                problems.Add($"{path}: shorter than {min}");
            }

            if (schema["maxLength"] is { } max && length > max.GetValue<int>())
            {
                problems.Add($"{path}: longer than {max}");
            }
        }

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in schema["required"] as JsonArray ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    problems.Add($"{path}: required '{required}' is missing");
                }
            }

            foreach (var (name, child) in obj)
            {
                var childPath = path + "." + name;
                if (properties?[name] is { } propertySchema)
                {
                    Check(propertySchema, child, childPath, problems, depth + 1);
                }
                else if (schema["additionalProperties"] is { } additional)
                {
                    if (additional.GetValueKind() == System.Text.Json.JsonValueKind.False)
                    {
                        problems.Add($"{childPath}: not a property of the schema, which allows no others");
                    }
                    else if (additional is JsonObject additionalSchema)
                    {
                        Check(additionalSchema, child, childPath, problems, depth + 1);
                    }
                }
            }
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", problems, depth + 1);
            }
        }
    }
}
