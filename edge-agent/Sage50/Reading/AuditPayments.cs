using System.Runtime.CompilerServices;
using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Reads payments and bill payments: one record per AUDIT_HEADER of a receipt or payment type (deleted ones left
/// out), with a line per document it was allocated to (AUDIT_USAGE, summed over splits) and, for what is not
/// allocated, a PaymentOnAccount line. Link amounts are negative: they reduce what the document has outstanding.
/// </summary>
public static class AuditPayments
{
    public static SageSelect Headers(AuditPaymentKind kind) => new(
        "AUDIT_HEADER",
        ["HEADER_NUMBER", "TYPE", "ACCOUNT_REF", "BANK_CODE", "INV_REF", "DATE", "DETAILS", "FOREIGN_GROSS_AMOUNT", "CURRENCY", "FOREIGN_RATE", "DELETED_FLAG"],
        ["RECORD_MODIFY_DATE"],
        Where: $"TYPE IN {SageTransactionType.InList(kind.SageTypes)} AND DELETED_FLAG = 0",
        OrderBy: "HEADER_NUMBER");

    private static readonly string[] AllocationColumns = ["HEADER_NUMBER", "DOCUMENT_HEADER", "DOCUMENT_TYPE", "AMOUNT", "DATE"];

    public static Task<long> CountAsync(AuditPaymentKind kind, ISage50DataSource source, CancellationToken cancellationToken) =>
        Headers(kind).CountAsync(source, cancellationToken);

    /// <summary>Every payment of the kind, or (with <paramref name="scope"/>) only those whose header is in it.</summary>
    public static async IAsyncEnumerable<Sage50Record> ReadAsync(
        AuditPaymentKind kind, ISage50DataSource source, HeaderScope? scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var currencies = await Sage50Lookups.LoadCurrenciesAsync(source, cancellationToken);
        var nominalNames = await Sage50Lookups.LoadNamesAsync(source, "NOMINAL_LEDGER", cancellationToken);
        var counterparties = await Sage50Lookups.LoadNamesAsync(source, kind.LedgerTable, cancellationToken);
        var writer = new CodatJsonWriter();
        foreach (var chunk in HeaderScope.ChunksOf(scope))
        {
            await foreach (var record in ReadChunkAsync(kind, source, chunk, currencies, nominalNames, counterparties, writer, cancellationToken))
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<Sage50Record> ReadChunkAsync(
        AuditPaymentKind kind, ISage50DataSource source, int[]? chunk, SageCurrencies currencies, IReadOnlyDictionary<string, string> nominalNames,
        IReadOnlyDictionary<string, string> counterparties, CodatJsonWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var headers = await Headers(kind).Within(chunk).OpenAsync(source, cancellationToken);
        await using var allocations = await HeaderCursor.OpenAsync(
            // AUDIT_USAGE pairs the paying split (SPLIT_NUMBER) with the split it paid (SPLIT_CROSSREF).
            await AuditAllocations.OpenAsync(source, kind.SageTypes, liveSplitsOnly: true, "TYPE", AllocationColumns, cancellationToken, headers: chunk), cancellationToken);

        int number = headers.Ordinal("HEADER_NUMBER"), account = headers.Ordinal("ACCOUNT_REF"), bank = headers.Ordinal("BANK_CODE"),
            reference = headers.Ordinal("INV_REF"), date = headers.Ordinal("DATE"), details = headers.Ordinal("DETAILS"),
            gross = headers.Ordinal("FOREIGN_GROSS_AMOUNT"), currency = headers.Ordinal("CURRENCY"), rate = headers.Ordinal("FOREIGN_RATE"),
            modified = headers.Ordinal("RECORD_MODIFY_DATE");

        var lines = new List<Line>();
        while (await headers.ReadAsync(cancellationToken))
        {
            var headerNumber = headers.Int(number);
            var id = CodatJsonWriter.Id(headerNumber);
            var currencyRate = headers.Rate(rate);
            var total = headers.Money(gross);
            var counterparty = headers.Text(account);
            var bankCode = headers.Text(bank);

            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteRef(kind.CounterpartyField, counterparty, kind.CounterpartyNameField, counterparty is null ? null : counterparties.GetValueOrDefault(counterparty));
            json.WriteRef("accountRef", bankCode, "name", bankCode is null ? null : nominalNames.GetValueOrDefault(bankCode));
            json.WriteMoney("totalAmount", total);
            json.WriteString("currency", currencies.CodeOf(headers.Int(currency)));
            json.WriteNumber("currencyRate", currencyRate);
            json.WriteDate("date", headers.Date(date));
            json.WriteText("note", headers.Text(details));
            json.WriteText("reference", headers.Text(reference));

            lines.Clear();
            while (await allocations.SeekAsync(headerNumber, cancellationToken))
            {
                var rows = allocations.Rows;
                Line.Add(lines, rows.Int(1), rows.Text(2), rows.Money(3), rows.Date(4));
                await allocations.MoveNextAsync(cancellationToken);
            }

            lines.Sort((a, b) => a.DocumentHeader.CompareTo(b.DocumentHeader));
            json.WriteStartArray("lines");
            var allocated = 0m;
            foreach (var line in lines)
            {
                allocated += line.Amount;
                line.Write(json, LinkType(kind, line.DocumentType), CodatJsonWriter.Id(line.DocumentHeader), currencyRate);
            }

            if (total - allocated is var onAccount and not 0m)
            {
                new Line(0, null, onAccount, headers.Date(date)).Write(json, "PaymentOnAccount", counterparty ?? "", currencyRate);
            }

            json.WriteEndArray();
            json.WriteMetadata(false);
            json.WriteDate("sourceModifiedDate", headers.Date(modified));
            yield return writer.End(id);
        }
    }

    private static string LinkType(AuditPaymentKind kind, string? documentType) => documentType switch
    {
        SageTransactionType.SalesInvoice or SageTransactionType.PurchaseInvoice => kind.DocumentLinkType,
        SageTransactionType.SalesCredit or SageTransactionType.PurchaseCredit => "CreditNote",
        SageTransactionType.SalesReceipt or SageTransactionType.SalesReceiptOnAccount
            or SageTransactionType.PurchasePayment or SageTransactionType.PurchasePaymentOnAccount => "Payment",
        _ => "Other",
    };

    /// <summary>What a payment allocated to one document, summed over the document's splits.</summary>
    private sealed class Line(int documentHeader, string? documentType, decimal amount, DateTime? allocatedOn)
    {
        public int DocumentHeader { get; } = documentHeader;

        public string? DocumentType { get; } = documentType;

        public decimal Amount { get; private set; } = amount;

        public DateTime? AllocatedOn { get; private set; } = allocatedOn;

        public static void Add(List<Line> lines, int documentHeader, string? documentType, decimal amount, DateTime? allocatedOn)
        {
            foreach (var existing in lines)
            {
                if (existing.DocumentHeader == documentHeader)
                {
                    existing.Amount += amount;
                    if (allocatedOn > existing.AllocatedOn)
                    {
                        existing.AllocatedOn = allocatedOn;
                    }

                    return;
                }
            }

            lines.Add(new Line(documentHeader, documentType, amount, allocatedOn));
        }

        public void Write(Utf8JsonWriter json, string linkType, string linkId, decimal currencyRate)
        {
            json.WriteStartObject();
            json.WriteMoney("amount", Amount);
            json.WriteStartArray("links");
            json.WriteStartObject();
            json.WriteString("type", linkType);
            json.WriteString("id", linkId);
            json.WriteMoney("amount", -Amount);
            json.WriteNumber("currencyRate", currencyRate);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteDate("allocatedOnDate", AllocatedOn);
            json.WriteEndObject();
        }
    }
}
