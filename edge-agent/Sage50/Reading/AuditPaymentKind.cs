namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>How one side's money in and out of the bank (receipts or supplier payments) maps onto its Codat model.</summary>
/// <param name="SageTypes">SR and SA (customer receipts), or PP and PA (supplier payments).</param>
/// <param name="CounterpartyField">customerRef or supplierRef.</param>
/// <param name="CounterpartyNameField">companyName (customers) or supplierName.</param>
/// <param name="LedgerTable">SALES_LEDGER or PURCHASE_LEDGER, for the counterparty's name.</param>
/// <param name="DocumentLinkType">The Codat link type of an allocated invoice: Invoice, or Bill on the purchase side.</param>
public sealed record AuditPaymentKind(
    string DataType,
    IReadOnlyList<string> SageTypes,
    string CounterpartyField,
    string CounterpartyNameField,
    string LedgerTable,
    string DocumentLinkType);
