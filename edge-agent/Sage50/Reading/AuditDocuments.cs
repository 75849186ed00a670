using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Reads invoices, credit notes, bills and bill credit notes: one record per AUDIT_HEADER of the document's type,
/// with a line item per AUDIT_SPLIT and a payment allocation per paying transaction (AUDIT_USAGE, summed over the
/// document's splits). Amounts are Sage's FOREIGN_* columns, which hold the document's own currency (equal to the
/// base amounts for sterling documents). A deleted transaction is kept, as Codat does, with status Void.
/// </summary>
public static class AuditDocuments
{
    public static SageSelect Headers(AuditDocumentKind kind) => new(
        "AUDIT_HEADER",
        [
            "HEADER_NUMBER", "ACCOUNT_REF", "INV_REF", "DATE", "DUE_DATE", "DETAILS", "FOREIGN_NET_AMOUNT", "FOREIGN_TAX_AMOUNT",
            "FOREIGN_GROSS_AMOUNT", "FOREIGN_OUTSTANDING", "CURRENCY", "FOREIGN_RATE", "DELETED_FLAG", "TYPE",
        ],
        ["RECORD_MODIFY_DATE"],
        Where: $"TYPE = '{kind.SageType}'",
        OrderBy: "HEADER_NUMBER");

    private static SageSelect Splits(AuditDocumentKind kind) => new(
        "AUDIT_SPLIT",
        ["HEADER_NUMBER", "TRAN_NUMBER", "NOMINAL_CODE", "DETAILS", "TAX_CODE", "FOREIGN_NET_AMOUNT", "FOREIGN_TAX_AMOUNT", "FOREIGN_GROSS_AMOUNT", "TYPE"],
        SageTracking.Columns,
        Where: $"TYPE = '{kind.SageType}'",
        OrderBy: "HEADER_NUMBER, TRAN_NUMBER");

    private static readonly string[] AllocationColumns =
    [
        "HEADER_NUMBER", "PAYMENT_HEADER", "PAYMENT_DATE", "AMOUNT", "DATE",
        "PAYMENT_REFERENCE", "PAYMENT_NOTE", "PAYMENT_BANK", "PAYMENT_TOTAL", "PAYMENT_CURRENCY", "PAYMENT_RATE",
    ];

    /// <summary>Every document of the kind, or (with <paramref name="scope"/>) only those whose header is in it.</summary>
    public static async IAsyncEnumerable<Sage50Record> ReadAsync(
        AuditDocumentKind kind, ISage50DataSource source, HeaderScope? scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lookups = new Lookups(
            await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken),
            await Sage50Lookups.LoadTaxCodesAsync(source, cancellationToken),
            await Sage50Lookups.LoadNamesAsync(source, "NOMINAL_LEDGER", cancellationToken),
            await Sage50Lookups.LoadNamesAsync(source, kind.LedgerTable, cancellationToken),
            await SageTracking.LoadAsync(source, cancellationToken));
        var writer = new CodatJsonWriter();
        foreach (var chunk in HeaderScope.ChunksOf(scope))
        {
            await foreach (var record in ReadChunkAsync(kind, source, chunk, lookups, writer, cancellationToken))
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<Sage50Record> ReadChunkAsync(
        AuditDocumentKind kind, ISage50DataSource source, int[]? chunk, Lookups lookups, CodatJsonWriter writer,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (currencies, taxCodes, nominalNames, counterparties, tracking) = lookups;
        await using var headers = await Headers(kind).Within(chunk).OpenAsync(source, cancellationToken);
        await using var splits = await HeaderCursor.OpenAsync(await Splits(kind).Within(chunk).OpenAsync(source, cancellationToken), cancellationToken);
        await using var allocations = await HeaderCursor.OpenAsync(
            // AUDIT_USAGE pairs the split that was paid (SPLIT_NUMBER) with the split that paid it (SPLIT_CROSSREF); the
            // paying split's header is the payment Codat describes in paymentAllocations[].payment.
            await AuditAllocations.OpenAsync(source, [kind.SageType], liveSplitsOnly: false, "DATE", AllocationColumns, cancellationToken, withPayingHeader: true, chunk),
            cancellationToken);

        int number = headers.Ordinal("HEADER_NUMBER"), account = headers.Ordinal("ACCOUNT_REF"), reference = headers.Ordinal("INV_REF"),
            date = headers.Ordinal("DATE"), dueDate = headers.Ordinal("DUE_DATE"), details = headers.Ordinal("DETAILS"),
            net = headers.Ordinal("FOREIGN_NET_AMOUNT"), tax = headers.Ordinal("FOREIGN_TAX_AMOUNT"), gross = headers.Ordinal("FOREIGN_GROSS_AMOUNT"),
            outstanding = headers.Ordinal("FOREIGN_OUTSTANDING"), currency = headers.Ordinal("CURRENCY"), rate = headers.Ordinal("FOREIGN_RATE"),
            deleted = headers.Ordinal("DELETED_FLAG"), modified = headers.Ordinal("RECORD_MODIFY_DATE");

        var line = new LineColumns(splits.Rows);
        var lineTracking = new SageTracking.Ordinals(splits.Rows);
        var paid = new List<Allocation>();
        while (await headers.ReadAsync(cancellationToken))
        {
            var headerNumber = headers.Int(number);
            var id = CodatJsonWriter.Id(headerNumber);
            var isDeleted = headers.Flag(deleted);
            var currencyCode = currencies.CodeOf(headers.Int(currency));
            var currencyRate = headers.Rate(rate);
            var total = headers.Money(gross);
            var due = isDeleted ? 0m : headers.Money(outstanding);
            var counterparty = headers.Text(account);

            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteText(kind.NumberField, headers.Text(reference));
            json.WriteRef(kind.CounterpartyField, counterparty, kind.CounterpartyNameField, counterparty is null ? null : counterparties.GetValueOrDefault(counterparty));
            json.WriteDate("issueDate", headers.Date(date));
            if (kind.HasDueDate)
            {
                json.WriteDate("dueDate", headers.Date(dueDate));
            }

            json.WriteString("currency", currencyCode);
            json.WriteNumber("currencyRate", currencyRate);

            json.WriteStartArray("lineItems");
            while (await splits.SeekAsync(headerNumber, cancellationToken))
            {
                WriteLineItem(json, splits.Rows, line, nominalNames, taxCodes, tracking, lineTracking);
                await splits.MoveNextAsync(cancellationToken);
            }

            json.WriteEndArray();

            paid.Clear();
            while (await allocations.SeekAsync(headerNumber, cancellationToken))
            {
                var rows = allocations.Rows;
                Allocation.Add(paid, rows, currencies, nominalNames);
                await allocations.MoveNextAsync(cancellationToken);
            }

            paid.Sort((a, b) => a.PaymentHeader.CompareTo(b.PaymentHeader));
            json.WriteStartArray("paymentAllocations");
            foreach (var allocation in paid)
            {
                allocation.Write(json, currencyCode, currencyRate);
            }

            json.WriteEndArray();
            if (kind.SettledDateField is { } settledField && !isDeleted && due == 0m && paid.Count > 0)
            {
                json.WriteDate(settledField, paid.Max(p => p.AllocatedOn));
            }

            json.WriteMoney("subTotal", headers.Money(net));
            json.WriteMoney(kind.TaxField, headers.Money(tax));
            json.WriteMoney("totalAmount", total);
            json.WriteMoney(kind.OutstandingField, due);
            if (kind.HasDiscountFields)
            {
                json.WriteMoney("totalDiscount", 0.00m);
                json.WriteMoney("discountPercentage", 0.00m);
            }

            json.WriteString("status", isDeleted ? "Void" : due == 0m ? "Paid" : due < total ? "PartiallyPaid" : kind.OpenStatus);
            json.WriteText("note", headers.Text(details));
            json.WriteMetadata(isDeleted);
            json.WriteDate("sourceModifiedDate", headers.Date(modified));
            yield return writer.End(id);
        }
    }

    public static Task<long> CountAsync(AuditDocumentKind kind, ISage50DataSource source, CancellationToken cancellationToken) =>
        Headers(kind).CountAsync(source, cancellationToken);

    /// <summary>The reference tables a document's record names things from, loaded once per read.</summary>
    private sealed record Lookups(
        SageCurrencies Currencies, IReadOnlyDictionary<string, SageTaxCode> TaxCodes, IReadOnlyDictionary<string, string> NominalNames,
        IReadOnlyDictionary<string, string> Counterparties, SageTracking Tracking);

    private static void WriteLineItem(
        Utf8JsonWriter json, SageRows split, LineColumns columns, IReadOnlyDictionary<string, string> nominalNames, IReadOnlyDictionary<string, SageTaxCode> taxCodes,
        SageTracking tracking, SageTracking.Ordinals trackingColumns)
    {
        var net = split.Money(columns.Net);
        var nominal = split.Text(columns.Nominal);
        var taxCode = split.Text(columns.TaxCode);
        json.WriteStartObject();
        json.WriteText("description", split.Text(columns.Details));
        // The audit trail keeps values, not quantities: each split is one unit of its net amount.
        json.WriteMoney("unitAmount", net);
        json.WriteNumber("quantity", 1);
        json.WriteMoney("subTotal", net);
        json.WriteMoney("taxAmount", split.Money(columns.Tax));
        json.WriteMoney("totalAmount", split.Money(columns.Gross));
        json.WriteRef("accountRef", nominal, "name", nominal is null ? null : nominalNames.GetValueOrDefault(nominal));
        if (taxCode is not null)
        {
            var known = taxCodes.GetValueOrDefault(taxCode);
            json.WriteStartObject("taxRateRef");
            json.WriteString("id", taxCode);
            json.WriteText("name", known?.Description);
            if (known is not null)
            {
                json.WriteMoney("effectiveTaxRate", known.Rate);
            }

            json.WriteEndObject();
        }

        tracking.WriteLineTracking(json, split, trackingColumns);
        json.WriteEndObject();
    }

    /// <summary>Where a split's columns are, looked up once per read rather than once per split.</summary>
    private sealed class LineColumns(SageRows split)
    {
        public int Nominal { get; } = split.Ordinal("NOMINAL_CODE");

        public int Details { get; } = split.Ordinal("DETAILS");

        public int TaxCode { get; } = split.Ordinal("TAX_CODE");

        public int Net { get; } = split.Ordinal("FOREIGN_NET_AMOUNT");

        public int Tax { get; } = split.Ordinal("FOREIGN_TAX_AMOUNT");

        public int Gross { get; } = split.Ordinal("FOREIGN_GROSS_AMOUNT");
    }

    /// <summary>
    /// What one paying transaction allocated to a document, summed over the document's splits, and that
    /// transaction as Codat's <c>payment</c>: its id, date, reference, note, bank account, total and currency.
    /// </summary>
    private sealed class Allocation
    {
        private decimal _amount;

        private Allocation(int paymentHeader, decimal amount, DateTime? allocatedOn, Payment payment)
        {
            PaymentHeader = paymentHeader;
            _amount = amount;
            AllocatedOn = allocatedOn;
            PaidBy = payment;
        }

        public int PaymentHeader { get; }

        public DateTime? AllocatedOn { get; private set; }

        private Payment PaidBy { get; }

        public static void Add(List<Allocation> allocations, SageRows rows, SageCurrencies currencies, IReadOnlyDictionary<string, string> nominalNames)
        {
            var paymentHeader = rows.Int(1);
            var amount = rows.Money(3);
            var allocatedOn = rows.Date(4);
            foreach (var existing in allocations)
            {
                if (existing.PaymentHeader == paymentHeader)
                {
                    existing._amount += amount;
                    if (allocatedOn > existing.AllocatedOn)
                    {
                        existing.AllocatedOn = allocatedOn;
                    }

                    return;
                }
            }

            var bank = rows.Text(7);
            var payment = new Payment(
                rows.Date(2), rows.Text(5), rows.Text(6), bank, bank is null ? null : nominalNames.GetValueOrDefault(bank),
                rows.Money(8), currencies.CodeOf(rows.Int(9)), rows.Rate(10));
            allocations.Add(new Allocation(paymentHeader, amount, allocatedOn, payment));
        }

        public void Write(Utf8JsonWriter json, string currency, decimal currencyRate)
        {
            json.WriteStartObject();
            json.WriteStartObject("payment");
            json.WriteString("id", CodatJsonWriter.Id(PaymentHeader));
            json.WriteText("note", PaidBy.Note);
            json.WriteText("reference", PaidBy.Reference);
            json.WriteRef("accountRef", PaidBy.BankCode, "name", PaidBy.BankName);
            json.WriteString("currency", PaidBy.Currency);
            json.WriteNumber("currencyRate", PaidBy.CurrencyRate);
            json.WriteDate("paidOnDate", PaidBy.PaidOn);
            json.WriteMoney("totalAmount", PaidBy.TotalAmount);
            json.WriteEndObject();
            json.WriteStartObject("allocation");
            json.WriteDate("allocatedOnDate", AllocatedOn);
            json.WriteString("currency", currency);
            json.WriteNumber("currencyRate", currencyRate);
            json.WriteMoney("totalAmount", _amount);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <summary>The paying transaction's header (a receipt, payment or credit note); bank code null for a credit note.</summary>
        private sealed record Payment(
            DateTime? PaidOn, string? Reference, string? Note, string? BankCode, string? BankName, decimal TotalAmount, string Currency, decimal CurrencyRate);
    }
}
