namespace Ledgerlink.Silo.Api.Querying;

/// <summary>
/// Recursive descent over one query string: <c>or := and ('||' and)*</c>, <c>and := primary ('&amp;&amp;' primary)*</c>,
/// <c>primary := '{' or '}' | field op value</c>. Positions in errors count characters from 1.
/// </summary>
internal sealed class QueryParser<T>(string text, Func<string, Func<T, string?>?> resolve, string fieldList, string parameterName)
{
    private static readonly string[] Operators = ["!=", ">=", "<=", "==", "=", "~", ">", "<"];
    private int _at;

    public Func<T, bool> ParseAll()
    {
        var predicate = ParseOr();
        SkipSpaces();
        if (_at < text.Length)
        {
            throw Unexpected(text[_at] == '}' ? "'}' closes no '{'" : "expected '&&' or '||' between conditions");
        }

        return predicate;
    }

    private Func<T, bool> ParseOr()
    {
        var alternatives = new List<Func<T, bool>> { ParseAnd() };
        while (TryTake("||"))
        {
            alternatives.Add(ParseAnd());
        }

        return alternatives.Count == 1 ? alternatives[0] : item => alternatives.Any(a => a(item));
    }

    private Func<T, bool> ParseAnd()
    {
        var conditions = new List<Func<T, bool>> { ParsePrimary() };
        while (TryTake("&&"))
        {
            conditions.Add(ParsePrimary());
        }

        return conditions.Count == 1 ? conditions[0] : item => conditions.All(c => c(item));
    }

    private Func<T, bool> ParsePrimary()
    {
        SkipSpaces();
        if (_at >= text.Length)
        {
            throw Unexpected("expected a condition (field, operator, value) or '{'");
        }

        if (text[_at] == '{')
        {
            var open = _at++;
            var inner = ParseOr();
            SkipSpaces();
            if (_at >= text.Length || text[_at] != '}')
            {
                throw new QuerySyntaxException(
                    $"{parameterName} has a '{{' at position {open + 1} that is never closed; expected '}}' at position {_at + 1}.");
            }

            _at++;
            return inner;
        }

        return ParseCondition();
    }

    private Func<T, bool> ParseCondition()
    {
        var start = _at;
        while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '.'))
        {
            _at++;
        }

        var field = text[start.._at];
        if (field.Length == 0 || !char.IsLetter(field[0]) && field[0] != '_')
        {
            _at = start;
            throw Unexpected("expected a field name");
        }

        SkipSpaces();
        var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, _at, o, 0, o.Length) == 0);
        if (op is null)
        {
            throw Unexpected($"expected an operator (=, !=, ~, >, <, >=, <=) after '{field}'");
        }

        var fieldAt = start;
        _at += op.Length;
        var value = ParseValue(op);
        var selector = resolve(field)
            ?? throw new QuerySyntaxException(
                $"{parameterName} cannot filter on '{field}' (position {fieldAt + 1}); queryable fields: {fieldList}.");
        return Condition(selector, op, value);
    }

    private string ParseValue(string op)
    {
        SkipSpaces();
        if (_at < text.Length && text[_at] == '{')
        {
            var open = _at;
            var close = text.IndexOf('}', _at + 1);
            if (close < 0)
            {
                throw new QuerySyntaxException($"{parameterName} has a value opened with '{{' at position {open + 1} that is never closed.");
            }

            _at = close + 1;
            return text[(open + 1)..close];
        }

        var start = _at;
        while (_at < text.Length && !AtConnective() && text[_at] != '}')
        {
            _at++;
        }

        var value = text[start.._at].Trim();
        if (value.Length == 0)
        {
            _at = start;
            throw Unexpected($"expected a value after '{op}'");
        }

        return value;
    }

    private static Func<T, bool> Condition(Func<T, string?> selector, string op, string value) => op switch
    {
        "=" or "==" => item => QueryValue.Equal(selector(item), value),
        "!=" => item => !QueryValue.Equal(selector(item), value),
        "~" => item => selector(item)?.Contains(value, StringComparison.OrdinalIgnoreCase) == true,
        ">" => item => QueryValue.Order(selector(item), value) > 0,
        "<" => item => QueryValue.Order(selector(item), value) < 0,
        ">=" => item => QueryValue.Order(selector(item), value) >= 0,
        _ => item => QueryValue.Order(selector(item), value) <= 0,
    };

    private bool AtConnective() =>
        string.CompareOrdinal(text, _at, "&&", 0, 2) == 0 || string.CompareOrdinal(text, _at, "||", 0, 2) == 0;

    private bool TryTake(string token)
    {
        SkipSpaces();
        if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
        {
            return false;
        }

        _at += token.Length;
        return true;
    }

    private void SkipSpaces()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }
    }

    private QuerySyntaxException Unexpected(string expectation)
    {
        var token = _at >= text.Length ? "end of query" : $"'{TokenAt(_at)}'";
        return new QuerySyntaxException($"{parameterName} does not parse at position {_at + 1}: found {token}; {expectation}.");
    }

    private string TokenAt(int position)
    {
        var end = position + 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && char.IsLetterOrDigit(text[end]) == char.IsLetterOrDigit(text[position]))
        {
            end++;
        }

        return text[position..end];
    }
}
