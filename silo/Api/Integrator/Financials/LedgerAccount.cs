namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// An account of the chart as the statements need it: its Codat type (Asset, Liability, Equity, Income, Expense) and
/// where Sage's layout puts it (<paramref name="Heading"/>, e.g. "Current Assets", and <paramref name="Category"/>,
/// e.g. "Bank Account"), read from the synced <c>fullyQualifiedCategory</c>.
/// </summary>
public sealed record LedgerAccount(string Id, string Name, string Type, string? Heading, string? Category, bool IsBank)
{
    /// <summary>Sage's P&amp;L puts Purchases and Direct Expenses above gross profit; every other expense is an overhead.</summary>
    public bool IsCostOfSales =>
        Type == "Expense" && Heading is { } heading
        && (heading.Contains("Purchase", StringComparison.OrdinalIgnoreCase)
            || heading.Contains("Direct", StringComparison.OrdinalIgnoreCase)
            || heading.Contains("Cost of Sales", StringComparison.OrdinalIgnoreCase));
}
