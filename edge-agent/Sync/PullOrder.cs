using Ledgerlink.DataTypes;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// Which waiting pull a free worker takes next: the data types that usually take longest first. A full sync queues
/// every data type at once, and taken in arrival order the largest (journal entries) came last and ran alone for the
/// sync's final quarter while the other worker had nothing left; longest first keeps both workers busy to the end,
/// and the small data types fill the gaps. Data types not listed keep their arrival order, after the listed ones.
/// </summary>
public static class PullOrder
{
    // The audit-trail data types, by their read time on the 1,000,000-split demo company (docs/benchmarks/sync.md),
    // except bank transactions, third: in an incremental sync they take longest (every running balance is worked out
    // again, and a changed payment moves every later one), and taken last they ran alone at the end of it.
    private static readonly string[] LongestFirst =
    [
        DataTypeNames.JournalEntries, DataTypeNames.Invoices, DataTypeNames.BankTransactions, DataTypeNames.Bills,
        DataTypeNames.Payments, DataTypeNames.BillPayments, DataTypeNames.CreditNotes, DataTypeNames.BillCreditNotes,
    ];

    /// <summary>Lower goes first.</summary>
    public static int Rank(string? dataType)
    {
        var rank = Array.IndexOf(LongestFirst, dataType);
        return rank < 0 ? LongestFirst.Length : rank;
    }
}
