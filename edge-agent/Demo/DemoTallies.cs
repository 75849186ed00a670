using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using T = Ledgerlink.EdgeAgent.Sage50.Reading.SageTransactionType;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// What the generator posted, counted and summed in exact pennies as it went: the record count of every data type
/// and the control totals the readers' output must add up to, kept independently of the readers.
/// </summary>
internal sealed class DemoTallies
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string DataType, string Field), long> _totals = new();

    public void Count(string dataType, long records = 1) => _counts[dataType] = _counts.GetValueOrDefault(dataType) + records;

    public void Add(string dataType, string field, long pennies) =>
        _totals[(dataType, field)] = _totals.GetValueOrDefault((dataType, field)) + pennies;

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public IReadOnlyList<DemoControlTotal> Totals =>
        _totals.Select(t => new DemoControlTotal(t.Key.DataType, t.Key.Field, t.Value / 100m)).ToList();

    /// <summary>Counts and sums one posted transaction into the data types its records appear in.</summary>
    public void Transaction(string transactionType, bool deleted, long gross, long outstanding, long bankAmount)
    {
        switch (transactionType)
        {
            case T.SalesInvoice: Document(DataTypeNames.Invoices, "amountDue"); break;
            case T.SalesCredit: Document(DataTypeNames.CreditNotes, "remainingCredit"); break;
            case T.PurchaseInvoice: Document(DataTypeNames.Bills, "amountDue"); break;
            case T.PurchaseCredit: Document(DataTypeNames.BillCreditNotes, "remainingCredit"); break;
        }

        if (deleted)
        {
            return;
        }

        Count(DataTypeNames.JournalEntries);
        if (SageTransactionType.DataTypeOf(transactionType) is DataTypeNames.Payments or DataTypeNames.BillPayments)
        {
            Count(SageTransactionType.DataTypeOf(transactionType)!);
            Add(SageTransactionType.DataTypeOf(transactionType)!, "totalAmount", gross);
        }
        else if (SageTransactionType.DataTypeOf(transactionType) == DataTypeNames.BankTransactions)
        {
            Count(DataTypeNames.BankTransactions);
            Add(DataTypeNames.BankTransactions, "amount", bankAmount);
        }

        // Invoices and credit notes are records whether deleted (Void) or not; a deleted one owes nothing.
        void Document(string dataType, string outstandingField)
        {
            Count(dataType);
            Add(dataType, "totalAmount", gross);
            Add(dataType, outstandingField, outstanding);
        }
    }
}
