namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// How to change a demo company the way a business changes its books between two syncs. The same company and the
/// same options always give the same result, row for row.
/// </summary>
/// <param name="Edits">Customer and supplier records to edit (telephone changed, RECORD_MODIFY_DATE bumped).</param>
/// <param name="Posts">New bank payments to post, with TRAN_NUMBERs and HEADER_NUMBERs after every existing one.</param>
/// <param name="Deletes">
/// Deletions as Sage makes them: one in four (rounded down) removes a customer or supplier that never traded from its
/// ledger, as Sage deletes only such accounts, while there is one; the rest mark a bank or cash payment or receipt
/// deleted (DELETED_FLAG on its header, splits and journal lines, with its effect on the balances reversed).
/// </param>
/// <param name="Seed">Chooses which records are edited and deleted and which payments are posted again.</param>
public sealed record DemoMutationOptions(int Edits = 0, int Posts = 0, int Deletes = 0, int Seed = 1);
