namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>What <see cref="DemoCompanyMutator"/> changed: enough for a test to check that nothing else did.</summary>
/// <param name="Stamp">The RECORD_MODIFY_DATE of every changed row: the day after the newest change already in the company, 09:00.</param>
/// <param name="Edited">Edited master records as <c>TABLE/ACCOUNT_REF</c>.</param>
/// <param name="Posted">HEADER_NUMBERs of the new transactions, increasing.</param>
/// <param name="NewTranNumbers">TRAN_NUMBERs of the new transactions' splits, increasing, all above the previous highest.</param>
/// <param name="Deleted">HEADER_NUMBERs of transactions marked deleted.</param>
/// <param name="Removed">Master records removed, as <c>TABLE/ACCOUNT_REF</c>.</param>
/// <param name="Rebalanced">Nominal and bank accounts whose balance (and RECORD_MODIFY_DATE) posting and deleting changed.</param>
public sealed record DemoMutation(
    string Stamp,
    IReadOnlyList<string> Edited,
    IReadOnlyList<int> Posted,
    IReadOnlyList<int> NewTranNumbers,
    IReadOnlyList<int> Deleted,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Rebalanced)
{
    public override string ToString() =>
        $"edited {Edited.Count} records, posted {Posted.Count} transactions"
        + (NewTranNumbers.Count > 0 ? $" (TRAN_NUMBER {NewTranNumbers[0]}–{NewTranNumbers[^1]})" : "")
        + $", marked {Deleted.Count} transactions deleted, removed {Removed.Count} accounts; changes stamped {Stamp}";
}
