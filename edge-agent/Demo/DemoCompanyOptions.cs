namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>What demo company to generate. The same options always give the same company, row for row.</summary>
/// <param name="TargetSplitCount">
/// About how many AUDIT_SPLIT rows to post (see <see cref="DemoCompanySize"/>); the company grows customers,
/// suppliers and months of trading with it. The generator stops at the first transaction past it, then posts the
/// receipts and payments already due, so the final count is a little over.
/// </param>
/// <param name="Seed">Chooses the names, amounts and timings.</param>
public sealed record DemoCompanyOptions(int TargetSplitCount = DemoCompanySize.Small, int Seed = 1)
{
    /// <summary>The demo's one Sage user.</summary>
    public const string ManagerUserName = "MANAGER";

    /// <summary>The MANAGER password the SMB owner types into the agent to link the demo company.</summary>
    public string ManagerPassword { get; init; } = "demo";

    /// <summary>The first day of the demo's first financial year (Sage's FINANCIAL_YEAR and START_MONTH).</summary>
    public DateOnly FinancialYearStart { get; init; } = new(2024, 4, 1);

    public override string ToString() =>
        $"demo company of about {TargetSplitCount} splits, seed {Seed}, from {FinancialYearStart:yyyy-MM-dd} (password ***)";
}
