using System.Globalization;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using T = Ledgerlink.EdgeAgent.Sage50.Reading.SageTransactionType;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Posts transactions to the demo's audit trail the way Sage does: an AUDIT_HEADER, its AUDIT_SPLITs (which sum to
/// it), the double entry of every split in AUDIT_JOURNAL (which nets to zero per transaction), and an AUDIT_USAGE
/// pair for every allocation of a receipt or payment to an invoice split. It keeps, in exact pennies, the nominal
/// balances, the customer and supplier balances and the tallies the manifest reports.
/// </summary>
/// <remarks>
/// Sage posts each line of a nominal journal as its own JD or JC transaction. The demo keeps a journal's lines under
/// one header (typed JD or JC by its first line, each split typed by its own side) so that every transaction
/// balances on its own; the readers do not depend on either layout.
/// </remarks>
internal sealed class DemoLedger : IDisposable
{
    private readonly DemoCalendar calendar;
    private readonly SqliteRowWriter headers;
    private readonly SqliteRowWriter splits;
    private readonly SqliteRowWriter journal;
    private readonly SqliteRowWriter usages;
    private readonly List<DemoSplit> pending = [];

    private string type = "";
    private int day;
    private string accountRef = "";
    private string? bankCode;
    private string reference = "";
    private string details = "";
    private int nextHeader = 1;
    private int nextTran = 1;
    private int nextUsage = 1;
    private long debits;

    public DemoLedger(DemoDatabase database, DemoCalendar calendar)
    {
        this.calendar = calendar;
        (string, string)[] manager = [("USER_NAME", "'MANAGER'"), ("RECORD_DELETED", "0")];
        headers = new SqliteRowWriter(database.Handle, "AUDIT_HEADER",
        [
            "HEADER_NUMBER", "TRAN_NUMBER", "ITEM_COUNT", "TYPE", "DATE|DATE_ENTERED", "ACCOUNT_REF", "SALES_PURCHASE_REF", "BANK_CODE",
            "INV_REF", "INV_REF_NUMERIC", "DETAILS", "DUE_DATE", "PAID_FLAG", "DELETED_FLAG", "NET_AMOUNT|FOREIGN_NET_AMOUNT",
            "TAX_AMOUNT|FOREIGN_TAX_AMOUNT", "GROSS_AMOUNT|FOREIGN_GROSS_AMOUNT", "BANK_AMOUNT|FOREIGN_BANK_AMOUNT",
            "AMOUNT_PAID|FOREIGN_AMOUNT_PAID", "PAYMENT", "OUTSTANDING|FOREIGN_OUTSTANDING", "BANK_FLAG", "DATE_BANK_RECONCILED",
            "RECORD_CREATE_DATE|RECORD_MODIFY_DATE",
        ],
        [.. manager, ("CURRENCY", "1"), ("CURRENCY_TYPE", "0"), ("FOREIGN_RATE", "1"), ("DISPUTED", "0"), ("FINANCE_CHARGE", "0")]);
        splits = new SqliteRowWriter(database.Handle, "AUDIT_SPLIT",
        [
            "TRAN_NUMBER|SPLIT_NUMBER", "HEADER_NUMBER", "TYPE", "DATE|DATE_ENTERED", "ACCOUNT_REF", "NOMINAL_CODE", "BANK_CODE", "INV_REF",
            "DETAILS", "TAX_CODE", "DELETED_FLAG", "NET_AMOUNT|FOREIGN_NET_AMOUNT", "TAX_AMOUNT|FOREIGN_TAX_AMOUNT",
            "GROSS_AMOUNT|FOREIGN_GROSS_AMOUNT", "AMOUNT_PAID|FOREIGN_AMOUNT_PAID", "OUTSTANDING|FOREIGN_OUTSTANDING", "PAID_FLAG",
            "BANK_FLAG", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE", "DEPT_NUMBER", "DEPT_NAME", "PROJECT_ID",
        ],
        [.. manager, ("DISPUTED", "0"), ("PAYMENT", "0")]);
        journal = new SqliteRowWriter(database.Handle, "AUDIT_JOURNAL",
        [
            "TRAN_NUMBER|SPLIT_NUMBER", "HEADER_NUMBER", "TYPE", "DATE", "ACCOUNT_REF", "NOMINAL_CODE", "BANK_CODE", "INV_REF", "DETAILS",
            "TAX_CODE", "DELETED_FLAG", "AMOUNT|FOREIGN_AMOUNT", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE", "DEPT_NUMBER", "DEPT_NAME",
        ],
        [.. manager, ("DISPUTED", "0")]);
        usages = new SqliteRowWriter(database.Handle, "AUDIT_USAGE",
        ["USAGE_NUMBER", "TYPE", "SPLIT_NUMBER", "SPLIT_CROSSREF", "REFERENCE", "DETAILS", "DATE", "AMOUNT|FOREIGN_AMOUNT", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE"],
        [.. manager, ("DELETED_FLAG", "0"), ("CIS_VAT", "0")]);
    }

    public Dictionary<string, long> NominalBalances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> CustomerBalances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> SupplierBalances { get; } = new(StringComparer.Ordinal);

    public DemoTallies Tallies { get; } = new();

    /// <summary>Customer reference → the project its sales are posted to.</summary>
    public Dictionary<string, int> ProjectsByCustomer { get; } = new(StringComparer.Ordinal);

    public long SplitCount => splits.RowsWritten;

    public long HeaderCount => headers.RowsWritten;

    public long JournalLineCount => journal.RowsWritten;

    public long UsageCount => usages.RowsWritten;

    /// <summary>Starts a transaction; add its splits, then <see cref="Commit"/>.</summary>
    public void Begin(string transactionType, int transactionDay, string account, string? bank, string transactionReference, string transactionDetails)
    {
        if (pending.Count > 0)
        {
            throw new InvalidOperationException("The previous transaction was not committed.");
        }

        type = transactionType;
        day = transactionDay;
        accountRef = account;
        bankCode = bank;
        reference = transactionReference;
        details = transactionDetails;
    }

    /// <summary>Adds a split and returns the TRAN_NUMBER it will have.</summary>
    /// <param name="paid">For invoices and bills, what will have been allocated to this split by the end.</param>
    public int Split(string nominal, DemoTaxCode taxCode, long net, long tax, string splitDetails, long paid = 0, string? splitType = null, DemoPaidSplit? pays = null)
    {
        var kind = splitType ?? type;
        pending.Add(new DemoSplit(nominal, taxCode, net, tax, splitDetails, paid, kind, pays, DemoChart.DepartmentOf(nominal), ProjectOf(kind, nominal)));
        return nextTran + pending.Count - 1;
    }

    /// <summary>
    /// A project customer's sales and credits go to its project; one materials bill in four goes to a project too,
    /// chosen by the transaction's number, so the plan stays deterministic without drawing from the random stream.
    /// </summary>
    private int ProjectOf(string splitType, string nominal)
    {
        if (splitType is T.SalesInvoice or T.SalesCredit)
        {
            return ProjectsByCustomer.GetValueOrDefault(accountRef);
        }

        if (splitType == T.PurchaseInvoice && nominal is "5000" or "5001" && nextHeader % 4 == 0 && ProjectsByCustomer.Count > 0)
        {
            return 1 + (nextHeader / 4 % ProjectsByCustomer.Count);
        }

        return 0;
    }

    public void Commit(bool deleted = false, bool reconciled = false, int reconciledAfterDays = 0)
    {
        var headerNumber = nextHeader++;
        var isJournal = type is T.JournalDebit or T.JournalCredit;
        var isBank = BankSign(type) != 0;
        long net = 0, tax = 0, gross = 0, paid = 0;
        foreach (var split in pending)
        {
            if (isJournal)
            {
                net += split.SplitType == T.JournalDebit ? split.Net : 0;
                continue;
            }

            net += split.Net;
            tax += split.Tax;
            gross += split.Gross;
            paid += PaidOf(split);
        }

        if (isJournal)
        {
            gross = net;
            paid = net;
        }

        var outstanding = deleted ? 0 : gross - paid;
        var date = calendar.Date(day);
        var stamp = calendar.Timestamp(day, headerNumber);
        var bankFlag = isBank ? (reconciled ? "R" : "N") : "-";
        var bankAmount = BankSign(type) * gross;
        var isLedger = type is T.SalesInvoice or T.SalesCredit or T.SalesReceipt or T.SalesReceiptOnAccount
            or T.PurchaseInvoice or T.PurchaseCredit or T.PurchasePayment or T.PurchasePaymentOnAccount;
        var payment = type is T.SalesReceipt or T.SalesReceiptOnAccount or T.PurchasePayment or T.PurchasePaymentOnAccount ? gross : 0;
        var hasDueDate = type is T.SalesInvoice or T.PurchaseInvoice;

        headers.Int(0, headerNumber);
        headers.Int(1, nextTran);
        headers.Int(2, pending.Count);
        headers.Text(3, type);
        headers.Text(4, date);
        headers.Text(5, accountRef);
        headers.Text(6, isLedger ? accountRef : null);
        headers.Text(7, bankCode);
        headers.Text(8, reference);
        headers.Int(9, NumericPart(reference));
        headers.Text(10, details);
        headers.Text(11, calendar.Date(hasDueDate ? day + 30 : day));
        headers.Text(12, outstanding == 0 ? "Y" : "N");
        headers.Int(13, deleted ? 1 : 0);
        headers.Money(14, net);
        headers.Money(15, tax);
        headers.Money(16, gross);
        headers.Money(17, bankAmount);
        headers.Money(18, deleted ? 0 : paid);
        headers.Money(19, payment);
        headers.Money(20, outstanding);
        headers.Text(21, bankFlag);
        headers.Text(22, reconciled ? calendar.Date(day + reconciledAfterDays) : null);
        headers.Text(23, stamp);
        headers.Insert();

        foreach (var split in pending)
        {
            var tran = nextTran++;
            var splitPaid = deleted ? 0 : PaidOf(split);
            var splitOutstanding = deleted || isJournal ? 0 : split.Gross - splitPaid;
            splits.Int(0, tran);
            splits.Int(1, headerNumber);
            splits.Text(2, split.SplitType);
            splits.Text(3, date);
            splits.Text(4, accountRef);
            splits.Text(5, split.Nominal);
            splits.Text(6, bankCode);
            splits.Text(7, reference);
            splits.Text(8, split.Details);
            splits.Text(9, split.TaxCode.Code);
            splits.Int(10, deleted ? 1 : 0);
            splits.Money(11, split.Net);
            splits.Money(12, split.Tax);
            splits.Money(13, split.Gross);
            splits.Money(14, splitPaid);
            splits.Money(15, splitOutstanding);
            splits.Text(16, splitOutstanding == 0 ? "Y" : "N");
            splits.Text(17, bankFlag);
            splits.Text(18, stamp);
            splits.Int(19, split.Department);
            splits.Text(20, DemoChart.DepartmentName(split.Department));
            splits.Int(21, split.Project);
            splits.Insert();
            PostJournal(split, tran, headerNumber, date, stamp, deleted);
            if (split.Pays is { } pays && !deleted)
            {
                WriteUsage(type, pays.TranNumber, tran, reference, split.Gross, $"from {type} {tran}", date, stamp);
                WriteUsage(pays.Type, tran, pays.TranNumber, pays.Reference, split.Gross, $"to {pays.Type} {pays.TranNumber}", date, stamp);
            }
        }

        Tally(deleted, gross, outstanding, bankAmount);
        pending.Clear();
    }

    /// <summary>Closes the tallies once everything is posted.</summary>
    public void Complete()
    {
        Tallies.Add(DataTypeNames.JournalEntries, "journalLines.netAmount>0", debits);
        debits = 0;
    }

    public void Dispose()
    {
        headers.Dispose();
        splits.Dispose();
        journal.Dispose();
        usages.Dispose();
    }

    // Receipts and payments are allocated in full; bank, cash and card entries and journals settle themselves.
    private long PaidOf(DemoSplit split) => type switch
    {
        T.SalesInvoice or T.PurchaseInvoice => split.Paid,
        T.SalesCredit or T.PurchaseCredit or T.SalesReceiptOnAccount or T.PurchasePaymentOnAccount => 0,
        _ => split.Gross,
    };

    /// <summary>+1 for money into the bank, -1 for money out, 0 for transactions that do not touch it.</summary>
    private static int BankSign(string transactionType) => transactionType switch
    {
        T.SalesReceipt or T.SalesReceiptOnAccount or T.BankReceipt or T.CashReceipt or T.CardReceipt => 1,
        T.PurchasePayment or T.PurchasePaymentOnAccount or T.BankPayment or T.CashPayment or T.CardPayment => -1,
        _ => 0,
    };

    private void PostJournal(DemoSplit split, int tran, int headerNumber, string date, string stamp, bool deleted)
    {
        void Line(string nominal, long amount)
        {
            if (amount == 0)
            {
                return;
            }

            journal.Int(0, tran);
            journal.Int(1, headerNumber);
            journal.Text(2, split.SplitType);
            journal.Text(3, date);
            journal.Text(4, accountRef);
            journal.Text(5, nominal);
            journal.Text(6, bankCode);
            journal.Text(7, reference);
            journal.Text(8, split.Details);
            journal.Text(9, split.TaxCode.Code);
            journal.Int(10, deleted ? 1 : 0);
            journal.Money(11, amount);
            journal.Text(12, stamp);
            journal.Int(13, split.Department);
            journal.Text(14, DemoChart.DepartmentName(split.Department));
            journal.Insert();
            if (deleted)
            {
                return;
            }

            NominalBalances[nominal] = NominalBalances.GetValueOrDefault(nominal) + amount;
            if (nominal == DemoChart.Debtors)
            {
                CustomerBalances[accountRef] = CustomerBalances.GetValueOrDefault(accountRef) + amount;
            }
            else if (nominal == DemoChart.Creditors)
            {
                // Sage shows what is owed to a supplier as a positive balance: the credit side of the control account.
                SupplierBalances[accountRef] = SupplierBalances.GetValueOrDefault(accountRef) - amount;
            }

            if (amount > 0)
            {
                debits += amount;
            }
        }

        long net = split.Net, tax = split.Tax, gross = split.Gross;
        switch (split.SplitType)
        {
            case T.SalesInvoice: Line(DemoChart.Debtors, gross); Line(split.Nominal, -net); Line(DemoChart.SalesTax, -tax); break;
            case T.SalesCredit: Line(DemoChart.Debtors, -gross); Line(split.Nominal, net); Line(DemoChart.SalesTax, tax); break;
            case T.SalesReceipt or T.SalesReceiptOnAccount: Line(split.Nominal, gross); Line(DemoChart.Debtors, -gross); break;
            case T.PurchaseInvoice: Line(DemoChart.Creditors, -gross); Line(split.Nominal, net); Line(DemoChart.PurchaseTax, tax); break;
            case T.PurchaseCredit: Line(DemoChart.Creditors, gross); Line(split.Nominal, -net); Line(DemoChart.PurchaseTax, -tax); break;
            case T.PurchasePayment or T.PurchasePaymentOnAccount: Line(DemoChart.Creditors, gross); Line(split.Nominal, -gross); break;
            case T.BankPayment or T.CashPayment or T.CardPayment: Line(split.Nominal, net); Line(DemoChart.PurchaseTax, tax); Line(bankCode!, -gross); break;
            case T.BankReceipt or T.CashReceipt or T.CardReceipt: Line(bankCode!, gross); Line(split.Nominal, -net); Line(DemoChart.SalesTax, -tax); break;
            case T.JournalDebit: Line(split.Nominal, net); break;
            case T.JournalCredit: Line(split.Nominal, -net); break;
            default: throw new InvalidOperationException($"The demo does not post {split.SplitType} transactions.");
        }
    }

    private void WriteUsage(string usageType, int splitNumber, int crossReference, string usageReference, long amount, string what, string date, string stamp)
    {
        var text = (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " " + what;
        usages.Int(0, nextUsage++);
        usages.Text(1, usageType);
        usages.Int(2, splitNumber);
        usages.Int(3, crossReference);
        usages.Text(4, usageReference);
        usages.Text(5, text);
        usages.Text(6, date);
        usages.Money(7, amount);
        usages.Text(8, stamp);
        usages.Insert();
    }

    private void Tally(bool deleted, long gross, long outstanding, long bankAmount)
    {
        switch (type)
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

        Tallies.Count(DataTypeNames.JournalEntries);
        if (SageTransactionType.DataTypeOf(type) is DataTypeNames.Payments or DataTypeNames.BillPayments)
        {
            Tallies.Count(SageTransactionType.DataTypeOf(type)!);
            Tallies.Add(SageTransactionType.DataTypeOf(type)!, "totalAmount", gross);
        }
        else if (SageTransactionType.DataTypeOf(type) == DataTypeNames.BankTransactions)
        {
            Tallies.Count(DataTypeNames.BankTransactions);
            Tallies.Add(DataTypeNames.BankTransactions, "amount", bankAmount);
        }

        // Invoices and credit notes are records whether deleted (Void) or not; a deleted one owes nothing.
        void Document(string dataType, string outstandingField)
        {
            Tallies.Count(dataType);
            Tallies.Add(dataType, "totalAmount", gross);
            Tallies.Add(dataType, outstandingField, outstanding);
        }
    }

    private static int NumericPart(string text)
    {
        var value = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && value < 100_000_000)
            {
                value = (value * 10) + (c - '0');
            }
        }

        return value;
    }
}
