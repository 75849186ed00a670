namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>Codat's <c>ReportLine</c>: a named value, an account's when <paramref name="AccountId"/> is set, with the lines it sums.</summary>
public sealed record ReportLine(string? AccountId, string? Name, decimal Value, IReadOnlyList<ReportLine>? Items);
