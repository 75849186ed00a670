using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "invoices" from the audit trail: AUDIT_HEADER and AUDIT_SPLIT of type SI, paid by AUDIT_USAGE.</summary>
public sealed class InvoicesReader : IHeaderScopedReader
{
    private static readonly AuditDocumentKind Kind = new(
        DataTypeNames.Invoices,
        SageTransactionType.SalesInvoice,
        NumberField: "invoiceNumber",
        CounterpartyField: "customerRef",
        CounterpartyNameField: "companyName",
        LedgerTable: "SALES_LEDGER",
        TaxField: "totalTaxAmount",
        OutstandingField: "amountDue",
        OpenStatus: "Submitted",
        HasDueDate: true,
        SettledDateField: "paidOnDate",
        HasDiscountFields: true);

    public string DataType => Kind.DataType;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.CountAsync(Kind, source, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, null, cancellationToken);

    public IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, HeaderScope scope, ChangeWindow changes, CancellationToken cancellationToken) =>
        AuditDocuments.ReadAsync(Kind, source, scope, cancellationToken);
}
