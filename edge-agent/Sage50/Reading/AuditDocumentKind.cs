namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>How one kind of ledger document in Sage's audit trail maps onto its Codat model.</summary>
/// <param name="SageType">SI, SC, PI or PC.</param>
/// <param name="NumberField">invoiceNumber, creditNoteNumber, reference or billCreditNoteNumber (from INV_REF).</param>
/// <param name="CounterpartyField">customerRef or supplierRef.</param>
/// <param name="CounterpartyNameField">companyName (customers) or supplierName.</param>
/// <param name="LedgerTable">SALES_LEDGER or PURCHASE_LEDGER, for the counterparty's name.</param>
/// <param name="TaxField">totalTaxAmount, or taxAmount on bills.</param>
/// <param name="OutstandingField">amountDue (invoices, bills) or remainingCredit (credit notes).</param>
/// <param name="OpenStatus">Codat's status for an unpaid document: Submitted, or Open on bills.</param>
/// <param name="HasDueDate">Invoices and bills have a due date; credit notes do not.</param>
/// <param name="SettledDateField">paidOnDate (invoices), allocatedOnDate (credit notes), or null (bills).</param>
/// <param name="HasDiscountFields">Whether the model has totalDiscount and discountPercentage (Sage's audit trail keeps no discount).</param>
public sealed record AuditDocumentKind(
    string DataType,
    string SageType,
    string NumberField,
    string CounterpartyField,
    string CounterpartyNameField,
    string LedgerTable,
    string TaxField,
    string OutstandingField,
    string OpenStatus,
    bool HasDueDate,
    string? SettledDateField,
    bool HasDiscountFields);
