using System.Globalization;

namespace Ledgerlink.Benchmarks.Harness;

/// <summary>Parsed <c>--name value</c> options and <c>--flag</c>s of one benchmark; unknown options are refused.</summary>
public sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string?> _values;

    private BenchmarkArguments(Dictionary<string, string?> values) => _values = values;

    public static BenchmarkArguments Parse(ReadOnlySpan<string> args, IReadOnlyList<BenchmarkOption> known)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            var option = known.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new BenchmarkUsageException($"Unknown option '{args[i]}'.");
            if (option.IsFlag)
            {
                values[option.Name] = null;
            }
            else if (i + 1 < args.Length)
            {
                values[option.Name] = args[++i];
            }
            else
            {
                throw new BenchmarkUsageException($"Option '--{option.Name}' needs a value.");
            }
        }

        return new BenchmarkArguments(values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of <c>--<paramref name="name"/></c> as given; null when absent.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var text) ? text : null;

    public int PositiveInt(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchmarkUsageException($"Option '--{name}' must be a positive whole number, not '{text}'.");
    }

    /// <summary>The value of <c>--<paramref name="name"/></c>, one of <paramref name="allowed"/> (any case); <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new BenchmarkUsageException($"Option '--{name}' must be one of {string.Join(", ", allowed)}, not '{text}'.");
    }

    public double PositiveDouble(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchmarkUsageException($"Option '--{name}' must be a positive number, not '{text}'.");
    }

    /// <summary>
    /// Whole numbers of at least <paramref name="minimum"/> separated by commas (<c>--agents 1000,5000</c>), in ascending
    /// order without repeats; <paramref name="fallback"/> when absent.
    /// </summary>
    public int[] WholeNumbers(string name, int minimum, params int[] fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var numbers = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MinValue).ToArray();
        return numbers.Length > 0 && numbers.All(n => n >= minimum)
            ? [.. numbers.Order().Distinct()]
            : throw new BenchmarkUsageException($"Option '--{name}' must be whole numbers of at least {minimum} separated by commas, not '{text}'.");
    }

    /// <summary>A share given as a percentage (<c>0.1%</c>) or a fraction (<c>0.001</c>), between 0 and 1; null when absent.</summary>
    public double? Share(string name)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return null;
        }

        var percent = text?.EndsWith('%') == true;
        return double.TryParse(percent ? text![..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
               && value > 0 && (percent ? value / 100 : value) <= 1
            ? (percent ? value / 100 : value)
            : throw new BenchmarkUsageException($"Option '--{name}' must be a share such as 0.1% or 0.001, not '{text}'.");
    }
}
