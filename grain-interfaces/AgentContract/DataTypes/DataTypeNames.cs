namespace Ledgerlink.DataTypes;

/// <summary>
/// The Codat data type keys Ledgerlink syncs from Sage 50, exactly as Codat spells them
/// (the <c>dataType</c> enum of Codat's Platform API).
/// </summary>
public static class DataTypeNames
{
    public const string Company = "company";
    public const string ChartOfAccounts = "chartOfAccounts";
    public const string Customers = "customers";
    public const string Suppliers = "suppliers";
    public const string Invoices = "invoices";
    public const string CreditNotes = "creditNotes";
    public const string Bills = "bills";
    public const string BillCreditNotes = "billCreditNotes";
    public const string Payments = "payments";
    public const string BillPayments = "billPayments";
    public const string JournalEntries = "journalEntries";
    public const string BankAccounts = "bankAccounts";
    public const string BankTransactions = "bankTransactions";
    public const string TaxRates = "taxRates";

    /// <summary>In the order a full refresh queues them: reference data before the transactions that point at it.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Company, ChartOfAccounts, TaxRates, Customers, Suppliers, BankAccounts,
        Invoices, CreditNotes, Bills, BillCreditNotes, Payments, BillPayments, JournalEntries, BankTransactions,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsSupported(string dataType) => Known.Contains(dataType);
}
