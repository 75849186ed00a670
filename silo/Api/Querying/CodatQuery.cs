using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Querying;

/// <summary>
/// Codat's query language: conditions <c>field op value</c> with operators <c>=</c> (also <c>==</c>), <c>!=</c>,
/// <c>~</c> (contains), <c>&gt;</c>, <c>&lt;</c>, <c>&gt;=</c>, <c>&lt;=</c>; joined with <c>&amp;&amp;</c> (and), which binds
/// tighter than <c>||</c> (or); grouped with braces (<c>{a=1 || a=2} &amp;&amp; b!=3</c>). A value may be wrapped in braces
/// to hold spaces or operators (<c>name={Acme &amp;&amp; Co}</c>); <c>null</c> stands for a missing field. Values compare
/// as numbers when both sides are numbers, as dates when both are ISO 8601 dates, otherwise as case-insensitive text.
/// Each queryable field is resolved by the endpoint; anything that does not parse is a 400 naming the position and token.
/// </summary>
public static class CodatQuery
{
    public static Checked<Func<T, bool>> Parse<T>(
        string? query, IReadOnlyDictionary<string, Func<T, string?>> fields, string parameterName = "query") =>
        Parse(
            query,
            field => fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase)).Value,
            string.Join(", ", fields.Keys),
            parameterName);

    /// <summary>Parses with fields resolved by name (null: not queryable); <paramref name="fieldList"/> is shown in errors.</summary>
    public static Checked<Func<T, bool>> Parse<T>(
        string? query, Func<string, Func<T, string?>?> resolve, string fieldList, string parameterName)
    {
        if (query is null)
        {
            return new Func<T, bool>(_ => true);
        }

        try
        {
            return new QueryParser<T>(query, resolve, fieldList, parameterName).ParseAll();
        }
        catch (QuerySyntaxException e)
        {
            return Checked<Func<T, bool>>.Refuse(ApiErrors.BadRequest(parameterName, e.Message));
        }
    }
}
