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
    private readonly DemoCalendar _calendar;
    private readonly SqliteRowWriter _headers;
    private readonly SqliteRowWriter _splits;
    private readonly SqliteRowWriter _journal;
    private readonly SqliteRowWriter _usages;
    private readonly List<DemoSplit> _pending = [];

    private string _type = "";
    private int _day;
    private string _accountRef = "";
    private string? _bankCode;
    private string _reference = "";
    private string _details = "";
    private int _nextHeader = 1;
    private int _nextTran = 1;
    private int _nextUsage = 1;
    private long _debits;

    public DemoLedger(DemoDatabase database, DemoCalendar calendar)
    {
        _calendar = calendar;
        (string, string)[] manager = [("USER_NAME", "'MANAGER'"), ("RECORD_DELETED", "0")];
        _headers = new SqliteRowWriter(database.Handle, "AUDIT_HEADER",
        [
            "HEADER_NUMBER", "TRAN_NUMBER", "ITEM_COUNT", "TYPE", "DATE|DATE_ENTERED", "ACCOUNT_REF", "SALES_PURCHASE_REF", "BANK_CODE",
            "INV_REF", "INV_REF_NUMERIC", "DETAILS", "DUE_DATE", "PAID_FLAG", "DELETED_FLAG", "NET_AMOUNT|FOREIGN_NET_AMOUNT",
            "TAX_AMOUNT|FOREIGN_TAX_AMOUNT", "GROSS_AMOUNT|FOREIGN_GROSS_AMOUNT", "BANK_AMOUNT|FOREIGN_BANK_AMOUNT",
            "AMOUNT_PAID|FOREIGN_AMOUNT_PAID", "PAYMENT", "OUTSTANDING|FOREIGN_OUTSTANDING", "BANK_FLAG", "DATE_BANK_RECONCILED",
            "RECORD_CREATE_DATE|RECORD_MODIFY_DATE",
        ],
        [.. manager, ("CURRENCY", "1"), ("CURRENCY_TYPE", "0"), ("FOREIGN_RATE", "1"), ("DISPUTED", "0"), ("FINANCE_CHARGE", "0")]);
        _splits = new SqliteRowWriter(database.Handle, "AUDIT_SPLIT",
        [
            "TRAN_NUMBER|SPLIT_NUMBER", "HEADER_NUMBER", "TYPE", "DATE|DATE_ENTERED", "ACCOUNT_REF", "NOMINAL_CODE", "BANK_CODE", "INV_REF",
            "DETAILS", "TAX_CODE", "DELETED_FLAG", "NET_AMOUNT|FOREIGN_NET_AMOUNT", "TAX_AMOUNT|FOREIGN_TAX_AMOUNT",
            "GROSS_AMOUNT|FOREIGN_GROSS_AMOUNT", "AMOUNT_PAID|FOREIGN_AMOUNT_PAID", "OUTSTANDING|FOREIGN_OUTSTANDING", "PAID_FLAG",
            "BANK_FLAG", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE", "DEPT_NUMBER", "DEPT_NAME", "PROJECT_ID",
        ],
        [.. manager, ("DISPUTED", "0"), ("PAYMENT", "0")]);
        _journal = new SqliteRowWriter(database.Handle, "AUDIT_JOURNAL",
        [
            "TRAN_NUMBER|SPLIT_NUMBER", "HEADER_NUMBER", "TYPE", "DATE", "ACCOUNT_REF", "NOMINAL_CODE", "BANK_CODE", "INV_REF", "DETAILS",
            "TAX_CODE", "DELETED_FLAG", "AMOUNT|FOREIGN_AMOUNT", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE", "DEPT_NUMBER", "DEPT_NAME",
        ],
        [.. manager, ("DISPUTED", "0")]);
        _usages = new SqliteRowWriter(database.Handle, "AUDIT_USAGE",
        ["USAGE_NUMBER", "TYPE", "SPLIT_NUMBER", "SPLIT_CROSSREF", "REFERENCE", "DETAILS", "DATE", "AMOUNT|FOREIGN_AMOUNT", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE"],
        [.. manager, ("DELETED_FLAG", "0"), ("CIS_VAT", "0")]);
    }

    public Dictionary<string, long> NominalBalances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> CustomerBalances { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> SupplierBalances { get; } = new(StringComparer.Ordinal);

    public DemoTallies Tallies { get; } = new();

    /// <summary>Customer reference → the project its sales are posted to.</summary>
    public Dictionary<string, int> ProjectsByCustomer { get; } = new(StringComparer.Ordinal);

    public long SplitCount => _splits.RowsWritten;

    public long HeaderCount => _headers.RowsWritten;

    public long JournalLineCount => _journal.RowsWritten;

    public long UsageCount => _usages.RowsWritten;

    /// <summary>Starts a transaction; add its splits, then <see cref="Commit"/>.</summary>
    public void Begin(string transactionType, int transactionDay, string account, string? bank, string transactionReference, string transactionDetails)
    {
        if (_pending.Count > 0)
        {
            throw new InvalidOperationException("The previous transaction was not committed.");
        }

        _type = transactionType;
        _day = transactionDay;
        _accountRef = account;
        _bankCode = bank;
        _reference = transactionReference;
        _details = transactionDetails;
    }

    /// <summary>Adds a split and returns the TRAN_NUMBER it will have.</summary>
    /// <param name="paid">For invoices and bills, what will have been allocated to this split by the end.</param>
    public int Split(string nominal, DemoTaxCode taxCode, long net, long tax, string splitDetails, long paid = 0, string? splitType = null, DemoPaidSplit? pays = null)
    {
        var kind = splitType ?? _type;
        _pending.Add(new DemoSplit(nominal, taxCode, net, tax, splitDetails, paid, kind, pays, DemoChart.DepartmentOf(nominal), ProjectOf(kind, nominal)));
        return _nextTran + _pending.Count - 1;
    }

    /// <summary>
    /// A project customer's sales and credits go to its project; one materials bill in four goes to a project too,
    /// chosen by the transaction's number, so the plan stays deterministic without drawing from the random stream.
    /// </summary>
    private int ProjectOf(string splitType, string nominal)
    {
        if (splitType is T.SalesInvoice or T.SalesCredit)
        {
            return ProjectsByCustomer.GetValueOrDefault(_accountRef);
        }

        if (splitType == T.PurchaseInvoice && nominal is "5000" or "5001" && _nextHeader % 4 == 0 && ProjectsByCustomer.Count > 0)
        {
            return 1 + (_nextHeader / 4 % ProjectsByCustomer.Count);
        }

        return 0;
    }

    public void Commit(bool deleted = false, bool reconciled = false, int reconciledAfterDays = 0)
    {
        var headerNumber = _nextHeader++;
        var isJournal = _type is T.JournalDebit or T.JournalCredit;
        var isBank = BankSign(_type) != 0;
        long net = 0, tax = 0, gross = 0, paid = 0;
        foreach (var split in _pending)
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
        var date = _calendar.Date(_day);
        var stamp = _calendar.Timestamp(_day, headerNumber);
        var bankFlag = isBank ? (reconciled ? "R" : "N") : "-";
        var bankAmount = BankSign(_type) * gross;
        var isLedger = _type is T.SalesInvoice or T.SalesCredit or T.SalesReceipt or T.SalesReceiptOnAccount
            or T.PurchaseInvoice or T.PurchaseCredit or T.PurchasePayment or T.PurchasePaymentOnAccount;
        var payment = _type is T.SalesReceipt or T.SalesReceiptOnAccount or T.PurchasePayment or T.PurchasePaymentOnAccount ? gross : 0;
        var hasDueDate = _type is T.SalesInvoice or T.PurchaseInvoice;

        _headers.Int(0, headerNumber);
        _headers.Int(1, _nextTran);
        _headers.Int(2, _pending.Count);
        _headers.Text(3, _type);
        _headers.Text(4, date);
        _headers.Text(5, _accountRef);
        _headers.Text(6, isLedger ? _accountRef : null);
        _headers.Text(7, _bankCode);
        _headers.Text(8, _reference);
        _headers.Int(9, DemoNames.NumericPart(_reference));
        _headers.Text(10, _details);
        _headers.Text(11, _calendar.Date(hasDueDate ? _day + 30 : _day));
        _headers.Text(12, outstanding == 0 ? "Y" : "N");
        _headers.Int(13, deleted ? 1 : 0);
        _headers.Money(14, net);
        _headers.Money(15, tax);
        _headers.Money(16, gross);
        _headers.Money(17, bankAmount);
        _headers.Money(18, deleted ? 0 : paid);
        _headers.Money(19, payment);
        _headers.Money(20, outstanding);
        _headers.Text(21, bankFlag);
        _headers.Text(22, reconciled ? _calendar.Date(_day + reconciledAfterDays) : null);
        _headers.Text(23, stamp);
        _headers.Insert();

        foreach (var split in _pending)
        {
            var tran = _nextTran++;
            var splitPaid = deleted ? 0 : PaidOf(split);
            var splitOutstanding = deleted || isJournal ? 0 : split.Gross - splitPaid;
            _splits.Int(0, tran);
            _splits.Int(1, headerNumber);
            _splits.Text(2, split.SplitType);
            _splits.Text(3, date);
            _splits.Text(4, _accountRef);
            _splits.Text(5, split.Nominal);
            _splits.Text(6, _bankCode);
            _splits.Text(7, _reference);
            _splits.Text(8, split.Details);
            _splits.Text(9, split.TaxCode.Code);
            _splits.Int(10, deleted ? 1 : 0);
            _splits.Money(11, split.Net);
            _splits.Money(12, split.Tax);
            _splits.Money(13, split.Gross);
            _splits.Money(14, splitPaid);
            _splits.Money(15, splitOutstanding);
            _splits.Text(16, splitOutstanding == 0 ? "Y" : "N");
            _splits.Text(17, bankFlag);
            _splits.Text(18, stamp);
            _splits.Int(19, split.Department);
            _splits.Text(20, DemoChart.DepartmentName(split.Department));
            _splits.Int(21, split.Project);
            _splits.Insert();
            PostJournal(split, tran, headerNumber, date, stamp, deleted);
            if (split.Pays is { } pays && !deleted)
            {
                WriteUsage(_type, pays.TranNumber, tran, _reference, split.Gross, $"from {_type} {tran}", date, stamp);
                WriteUsage(pays.Type, tran, pays.TranNumber, pays.Reference, split.Gross, $"to {pays.Type} {pays.TranNumber}", date, stamp);
            }
        }

        Tallies.Transaction(_type, deleted, gross, outstanding, bankAmount);
        _pending.Clear();
    }

    /// <summary>Closes the tallies once everything is posted.</summary>
    public void Complete()
    {
        Tallies.Add(DataTypeNames.JournalEntries, "journalLines.netAmount>0", _debits);
        _debits = 0;
    }

    public void Dispose()
    {
        _headers.Dispose();
        _splits.Dispose();
        _journal.Dispose();
        _usages.Dispose();
    }

    // Receipts and payments are allocated in full; bank, cash and card entries and journals settle themselves.
    private long PaidOf(DemoSplit split) => _type switch
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

            _journal.Int(0, tran);
            _journal.Int(1, headerNumber);
            _journal.Text(2, split.SplitType);
            _journal.Text(3, date);
            _journal.Text(4, _accountRef);
            _journal.Text(5, nominal);
            _journal.Text(6, _bankCode);
            _journal.Text(7, _reference);
            _journal.Text(8, split.Details);
            _journal.Text(9, split.TaxCode.Code);
            _journal.Int(10, deleted ? 1 : 0);
            _journal.Money(11, amount);
            _journal.Text(12, stamp);
            _journal.Int(13, split.Department);
            _journal.Text(14, DemoChart.DepartmentName(split.Department));
            _journal.Insert();
            if (deleted)
            {
                return;
            }

            NominalBalances[nominal] = NominalBalances.GetValueOrDefault(nominal) + amount;
            if (nominal == DemoChart.Debtors)
            {
                CustomerBalances[_accountRef] = CustomerBalances.GetValueOrDefault(_accountRef) + amount;
            }
            else if (nominal == DemoChart.Creditors)
            {
                // Sage shows what is owed to a supplier as a positive balance: the credit side of the control account.
                SupplierBalances[_accountRef] = SupplierBalances.GetValueOrDefault(_accountRef) - amount;
            }

            if (amount > 0)
            {
                _debits += amount;
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
            case T.BankPayment or T.CashPayment or T.CardPayment: Line(split.Nominal, net); Line(DemoChart.PurchaseTax, tax); Line(_bankCode!, -gross); break;
            case T.BankReceipt or T.CashReceipt or T.CardReceipt: Line(_bankCode!, gross); Line(split.Nominal, -net); Line(DemoChart.SalesTax, -tax); break;
            case T.JournalDebit: Line(split.Nominal, net); break;
            case T.JournalCredit: Line(split.Nominal, -net); break;
            default: throw new InvalidOperationException($"The demo does not post {split.SplitType} transactions.");
        }
    }

    private void WriteUsage(string usageType, int splitNumber, int crossReference, string usageReference, long amount, string what, string date, string stamp)
    {
        var text = (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " " + what;
        _usages.Int(0, _nextUsage++);
        _usages.Text(1, usageType);
        _usages.Int(2, splitNumber);
        _usages.Int(3, crossReference);
        _usages.Text(4, usageReference);
        _usages.Text(5, text);
        _usages.Text(6, date);
        _usages.Money(7, amount);
        _usages.Text(8, stamp);
        _usages.Insert();
    }
}
