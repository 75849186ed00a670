using System.Globalization;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Paging;

/// <summary>Codat paging parameters: <c>page</c> from 1, <c>pageSize</c> 1–5000 (default 100), <c>query</c>, <c>orderBy</c>.</summary>
public sealed record PageRequest(int Page, int PageSize, string? Query, string? OrderBy)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 5000;

    public static Checked<PageRequest> Parse(HttpRequest request)
    {
        var errors = new List<CodatValidationItem>();
        var page = ParseInt(request, "page", 1, 1, int.MaxValue, errors);
        var pageSize = ParseInt(request, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Checked<PageRequest>.Refuse(ApiErrors.BadRequest(errors));
        }

        return new PageRequest(page, pageSize, NullIfBlank(request.Query["query"]), NullIfBlank(request.Query["orderBy"]));
    }

    public PagedResponse<T> Apply<T>(IReadOnlyList<T> all, HttpRequest request)
    {
        var results = all.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize)).Take(PageSize).ToList();
        return PagedResponse<T>.Create(results, this, all.Count, request);
    }

    private static int ParseInt(HttpRequest request, string name, int fallback, int min, int max, List<CodatValidationItem> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        if (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            errors.Add(new(name, $"{name} must be a whole number from {min} to {max}, not '{values}'.", "Paging"));
            return fallback;
        }

        return value;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
