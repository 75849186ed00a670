using Ledgerlink.DataTypes;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>Sage's audit trail transaction types (AUDIT_HEADER.TYPE) and the Codat data type each one becomes.</summary>
public static class SageTransactionType
{
    public const string SalesInvoice = "SI";
    public const string SalesCredit = "SC";
    public const string SalesReceipt = "SR";
    public const string SalesReceiptOnAccount = "SA";
    public const string PurchaseInvoice = "PI";
    public const string PurchaseCredit = "PC";
    public const string PurchasePayment = "PP";
    public const string PurchasePaymentOnAccount = "PA";
    public const string BankPayment = "BP";
    public const string BankReceipt = "BR";
    public const string CashPayment = "CP";
    public const string CashReceipt = "CR";
    public const string CardPayment = "VP";
    public const string CardReceipt = "VR";
    public const string JournalDebit = "JD";
    public const string JournalCredit = "JC";

    public static IReadOnlyList<string> BankTransactions { get; } =
        [BankPayment, BankReceipt, CashPayment, CashReceipt, CardPayment, CardReceipt];

    /// <summary>Money leaving the bank account (a Codat "Debit" bank transaction).</summary>
    public static bool IsBankPayment(string type) => type is BankPayment or CashPayment or CardPayment;

    /// <summary>The data type whose record a transaction of this type is, for a journal entry's recordRef; null for journals and types not synced.</summary>
    public static string? DataTypeOf(string type) => type switch
    {
        SalesInvoice => DataTypeNames.Invoices,
        SalesCredit => DataTypeNames.CreditNotes,
        SalesReceipt or SalesReceiptOnAccount => DataTypeNames.Payments,
        PurchaseInvoice => DataTypeNames.Bills,
        PurchaseCredit => DataTypeNames.BillCreditNotes,
        PurchasePayment or PurchasePaymentOnAccount => DataTypeNames.BillPayments,
        BankPayment or BankReceipt or CashPayment or CashReceipt or CardPayment or CardReceipt => DataTypeNames.BankTransactions,
        _ => null,
    };

    /// <summary>A SQL IN list of types, e.g. <c>('SR', 'SA')</c>; the types are this class's constants, never user input.</summary>
    public static string InList(IEnumerable<string> types) => "(" + string.Join(", ", types.Select(t => $"'{t}'")) + ")";
}
