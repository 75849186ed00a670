using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.Tests.Sync;

/// <summary>A full sync's waiting pulls are taken longest first, so the largest does not run alone at the end.</summary>
public sealed class PullOrderTests
{
    [Fact]
    public void A_full_syncs_data_types_are_taken_audit_trail_first_largest_first_then_in_arrival_order()
    {
        var taken = DataTypeNames.All
            .Select((dataType, arrival) => (dataType, arrival))
            .OrderBy(p => (PullOrder.Rank(p.dataType), p.arrival))
            .Select(p => p.dataType)
            .ToArray();

        Assert.Equal(
            [
                DataTypeNames.JournalEntries, DataTypeNames.Invoices, DataTypeNames.Bills, DataTypeNames.Payments,
                DataTypeNames.BillPayments, DataTypeNames.CreditNotes, DataTypeNames.BillCreditNotes, DataTypeNames.BankTransactions,
            ],
            taken[..8]);

        // The master tables keep the order they arrived in.
        Assert.Equal(DataTypeNames.All.Where(t => PullOrder.Rank(t) == PullOrder.Rank(null)), taken[8..]);
    }
}
