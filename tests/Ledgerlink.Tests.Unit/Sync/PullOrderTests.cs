using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.Tests.Sync;

/// <summary>Waiting pulls are taken longest first, so the largest does not run alone at the end of a full or an incremental sync.</summary>
public sealed class PullOrderTests
{
    [Fact]
    public void Waiting_data_types_are_taken_audit_trail_first_largest_first_then_in_arrival_order()
    {
        var taken = DataTypeNames.All
            .Select((dataType, arrival) => (dataType, arrival))
            .OrderBy(p => (PullOrder.Rank(p.dataType), p.arrival))
            .Select(p => p.dataType)
            .ToArray();

        Assert.Equal(
            [
                DataTypeNames.JournalEntries, DataTypeNames.Invoices, DataTypeNames.BankTransactions, DataTypeNames.Bills,
                DataTypeNames.Payments, DataTypeNames.BillPayments, DataTypeNames.CreditNotes, DataTypeNames.BillCreditNotes,
            ],
            taken[..8]);

        // The master tables keep the order they arrived in.
        Assert.Equal(DataTypeNames.All.Where(t => PullOrder.Rank(t) == PullOrder.Rank(null)), taken[8..]);
    }
}
