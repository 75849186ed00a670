using System.Globalization;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Querying;

/// <summary>
/// A subset of Codat's query language: <c>field=value</c>, <c>field!=value</c>, <c>field~value</c> (contains),
/// <c>field&gt;value</c> / <c>field&lt;value</c> (ordinal, so ISO dates compare), joined with <c>&amp;&amp;</c> (and) and
/// <c>||</c> (or; binds looser). Values may be wrapped in braces as Codat allows (<c>name={Acme Ltd}</c>). Comparisons are
/// case-insensitive. Each queryable field is declared by the endpoint; any other field is a 400 naming it.
/// </summary>
public static class CodatQuery
{
    private static readonly string[] Operators = ["!=", ">=", "<=", "=", "~", ">", "<"];

    public static (Func<T, bool>? Predicate, IResult? Error) Parse<T>(
        string? query, IReadOnlyDictionary<string, Func<T, string?>> fields, string parameterName = "query") =>
        Parse(
            query,
            field => fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value,
            string.Join(", ", fields.Keys),
            parameterName);

    /// <summary>Parses with fields resolved by name (null: not queryable); <paramref name="fieldList"/> is shown in errors.</summary>
    public static (Func<T, bool>? Predicate, IResult? Error) Parse<T>(
        string? query, Func<string, Func<T, string?>?> resolve, string fieldList, string parameterName)
    {
        if (query is null)
        {
            return (_ => true, null);
        }

        var alternatives = new List<List<Func<T, bool>>>();
        foreach (var alternative in query.Split("||"))
        {
            var conditions = new List<Func<T, bool>>();
            foreach (var raw in alternative.Split("&&"))
            {
                var condition = raw.Trim();
                var op = Operators.Select(o => (Op: o, At: condition.IndexOf(o, StringComparison.Ordinal)))
                    .Where(x => x.At > 0)
                    .OrderBy(x => x.At)
                    .ThenByDescending(x => x.Op.Length)
                    .FirstOrDefault();
                if (op.Op is null)
                {
                    return (null, ApiErrors.BadRequest(parameterName,
                        $"'{condition}' in {parameterName} is not a condition; use field=value, field!=value or field~value."));
                }

                var field = condition[..op.At].Trim();
                var value = condition[(op.At + op.Op.Length)..].Trim().TrimStart('{').TrimEnd('}');
                var selector = resolve(field);
                if (selector is null)
                {
                    return (null, ApiErrors.BadRequest(parameterName,
                        $"{parameterName} cannot filter on '{field}'; queryable fields: {fieldList}."));
                }

                conditions.Add(Condition(selector, op.Op, value));
            }

            alternatives.Add(conditions);
        }

        return (item => alternatives.Any(all => all.All(condition => condition(item))), null);
    }

    private static Func<T, bool> Condition<T>(Func<T, string?> selector, string op, string value) => op switch
    {
        "=" => item => string.Equals(selector(item), value, StringComparison.OrdinalIgnoreCase),
        "!=" => item => !string.Equals(selector(item), value, StringComparison.OrdinalIgnoreCase),
        "~" => item => selector(item)?.Contains(value, StringComparison.OrdinalIgnoreCase) == true,
        ">" => item => Order(selector(item), value) > 0,
        "<" => item => Order(selector(item), value) < 0,
        ">=" => item => Order(selector(item), value) >= 0,
        _ => item => Order(selector(item), value) <= 0,
    };

    /// <summary>Numbers order by value (so <c>totalAmount&gt;1000</c> holds for 1500), anything else as text.</summary>
    private static int Order(string? field, string value) =>
        decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound)
            ? number.CompareTo(bound)
            : string.Compare(field, value, StringComparison.OrdinalIgnoreCase);
}
