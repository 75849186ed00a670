using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.Testing.Sage50;

namespace Ledgerlink.Tests.Sage50;

/// <summary>The readers against a generated company: counts and totals from the generator's manifest, fields from SQL.</summary>
[Collection(DemoCompanyCollection.Name)]
public sealed partial class Sage50ReaderTests(DemoCompanyFixture company)
{
    [Fact]
    public void There_is_one_reader_for_every_data_type_key()
    {
        Assert.Equal(DataTypeNames.All.OrderBy(d => d), Sage50Readers.Default.DataTypes.OrderBy(d => d));
        Assert.All(DataTypeNames.All, d => Assert.Equal(d, Sage50Readers.Default.For(d).DataType));
        Assert.Throws<ArgumentException>(() => Sage50Readers.Default.For("trackingCategories"));
    }

    [Fact]
    public async Task Every_reader_returns_and_counts_the_generated_number_of_records()
    {
        await using var source = await company.OpenAsync();
        foreach (var dataType in DataTypeNames.All)
        {
            var records = await Sage50Json.ReadAllAsync(source, dataType);
            Assert.True(company.Manifest.RecordCounts[dataType] == records.Count, $"{dataType}: read {records.Count}, generated {company.Manifest.RecordCounts[dataType]}");
            Assert.Equal(records.Count, await Sage50Readers.Default.For(dataType).CountAsync(source, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Records_add_up_to_the_generators_control_totals()
    {
        await using var source = await company.OpenAsync();
        Assert.NotEmpty(company.Manifest.ControlTotals);
        foreach (var total in company.Manifest.ControlTotals)
        {
            var records = await Sage50Json.ReadAllAsync(source, total.DataType);
            var sum = total.Field == "journalLines.netAmount>0"
                ? records.SelectMany(r => r.GetProperty("journalLines").EnumerateArray()).Select(l => l.GetProperty("netAmount").GetDecimal()).Where(a => a > 0).Sum()
                : Sage50Json.Sum(records, total.Field);
            Assert.True(total.Total == sum, $"{total.DataType}.{total.Field}: read {sum}, generated {total.Total}");
        }
    }

    [Fact]
    public async Task The_trial_balance_computed_from_journal_entries_matches_the_chart_of_accounts()
    {
        await using var source = await company.OpenAsync();
        var journalEntries = await Sage50Json.ReadAllAsync(source, DataTypeNames.JournalEntries);
        var trialBalance = journalEntries
            .SelectMany(e => e.GetProperty("journalLines").EnumerateArray())
            .GroupBy(l => l.GetProperty("accountRef").GetProperty("id").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("netAmount").GetDecimal()));
        Assert.All(journalEntries, e => Assert.Equal(0m, e.GetProperty("journalLines").EnumerateArray().Sum(l => l.GetProperty("netAmount").GetDecimal())));
        Assert.Equal(0m, trialBalance.Values.Sum());

        var accounts = await Sage50Json.ReadAllAsync(source, DataTypeNames.ChartOfAccounts);
        Assert.All(accounts, a =>
        {
            var code = a.GetProperty("id").GetString()!;
            Assert.Equal(trialBalance.GetValueOrDefault(code), a.GetProperty("currentBalance").GetDecimal());
            Assert.Equal(company.Manifest.TrialBalance[code], a.GetProperty("currentBalance").GetDecimal());
        });
    }

    [Fact]
    public async Task An_invoice_maps_its_header_splits_and_allocations()
    {
        using var sql = company.OpenSql();
        var header = SqlCheck.Rows(sql, """
            SELECT h.HEADER_NUMBER, h.INV_REF, h.ACCOUNT_REF, h.DATE, h.DUE_DATE, h.NET_AMOUNT, h.TAX_AMOUNT, h.GROSS_AMOUNT, h.OUTSTANDING, c.NAME
            FROM AUDIT_HEADER h JOIN SALES_LEDGER c ON c.ACCOUNT_REF = h.ACCOUNT_REF
            WHERE h.TYPE = 'SI' AND h.DELETED_FLAG = 0 AND h.ITEM_COUNT >= 2 AND h.OUTSTANDING = 0
            ORDER BY h.HEADER_NUMBER LIMIT 1
            """).Single();
        var headerNumber = (long)header[0];
        var splits = SqlCheck.Rows(sql, $"SELECT NOMINAL_CODE, TAX_CODE, NET_AMOUNT, TAX_AMOUNT, GROSS_AMOUNT, DETAILS FROM AUDIT_SPLIT WHERE HEADER_NUMBER = {headerNumber} ORDER BY TRAN_NUMBER");
        var paidBy = SqlCheck.Rows(sql, $"""
            SELECT x.HEADER_NUMBER, SUM(u.AMOUNT) FROM AUDIT_SPLIT s JOIN AUDIT_USAGE u ON u.SPLIT_NUMBER = s.TRAN_NUMBER
            JOIN AUDIT_SPLIT x ON x.TRAN_NUMBER = u.SPLIT_CROSSREF WHERE s.HEADER_NUMBER = {headerNumber} GROUP BY x.HEADER_NUMBER ORDER BY x.HEADER_NUMBER
            """);

        await using var source = await company.OpenAsync();
        var invoice = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices)).Single(i => i.GetProperty("id").GetString() == headerNumber.ToString(CultureInfo.InvariantCulture));

        Assert.Equal((string)header[1], invoice.GetProperty("invoiceNumber").GetString());
        Assert.Equal((string)header[2], invoice.GetProperty("customerRef").GetProperty("id").GetString());
        Assert.Equal((string)header[9], invoice.GetProperty("customerRef").GetProperty("companyName").GetString());
        Assert.Equal((string)header[3] + "T00:00:00", invoice.GetProperty("issueDate").GetString());
        Assert.Equal((string)header[4] + "T00:00:00", invoice.GetProperty("dueDate").GetString());
        Assert.Equal("GBP", invoice.GetProperty("currency").GetString());
        Assert.Equal(SqlCheck.Money(header[5]), invoice.GetProperty("subTotal").GetDecimal());
        Assert.Equal(SqlCheck.Money(header[6]), invoice.GetProperty("totalTaxAmount").GetDecimal());
        Assert.Equal(SqlCheck.Money(header[7]), invoice.GetProperty("totalAmount").GetDecimal());
        Assert.Equal(0m, invoice.GetProperty("amountDue").GetDecimal());
        Assert.Equal("Paid", invoice.GetProperty("status").GetString());
        Assert.True(invoice.TryGetProperty("paidOnDate", out _));

        var lines = invoice.GetProperty("lineItems").EnumerateArray().ToList();
        Assert.Equal(splits.Count, lines.Count);
        for (var i = 0; i < splits.Count; i++)
        {
            Assert.Equal((string)splits[i][0], lines[i].GetProperty("accountRef").GetProperty("id").GetString());
            Assert.Equal((string)splits[i][1], lines[i].GetProperty("taxRateRef").GetProperty("id").GetString());
            Assert.Equal(SqlCheck.Money(splits[i][2]), lines[i].GetProperty("subTotal").GetDecimal());
            Assert.Equal(SqlCheck.Money(splits[i][3]), lines[i].GetProperty("taxAmount").GetDecimal());
            Assert.Equal(SqlCheck.Money(splits[i][4]), lines[i].GetProperty("totalAmount").GetDecimal());
            Assert.Equal((string)splits[i][5], lines[i].GetProperty("description").GetString());
        }

        var allocations = invoice.GetProperty("paymentAllocations").EnumerateArray().ToList();
        Assert.Equal(paidBy.Select(p => ((long)p[0]).ToString(CultureInfo.InvariantCulture)), allocations.Select(a => a.GetProperty("payment").GetProperty("id").GetString()));
        Assert.Equal(paidBy.Select(p => SqlCheck.Money(p[1])), allocations.Select(a => a.GetProperty("allocation").GetProperty("totalAmount").GetDecimal()));

        // Money is written to the penny with two decimals, whatever the value.
        Assert.Matches(MoneyText(), invoice.GetProperty("totalAmount").GetRawText());
        Assert.All(lines, l => Assert.Matches(MoneyText(), l.GetProperty("taxAmount").GetRawText()));
    }

    [Fact]
    public async Task Receipts_link_to_the_invoices_that_list_them()
    {
        await using var source = await company.OpenAsync();
        var invoices = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices)).ToDictionary(i => i.GetProperty("id").GetString()!);
        var payments = await Sage50Json.ReadAllAsync(source, DataTypeNames.Payments);
        var linked = 0;
        foreach (var payment in payments)
        {
            var lines = payment.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal(payment.GetProperty("totalAmount").GetDecimal(), lines.Sum(l => l.GetProperty("amount").GetDecimal()));
            foreach (var line in lines)
            {
                var link = line.GetProperty("links").EnumerateArray().Single();
                Assert.Equal(-line.GetProperty("amount").GetDecimal(), link.GetProperty("amount").GetDecimal());
                if (link.GetProperty("type").GetString() == "Invoice")
                {
                    var invoice = invoices[link.GetProperty("id").GetString()!];
                    var allocation = invoice.GetProperty("paymentAllocations").EnumerateArray()
                        .Single(a => a.GetProperty("payment").GetProperty("id").GetString() == payment.GetProperty("id").GetString());
                    Assert.Equal(line.GetProperty("amount").GetDecimal(), allocation.GetProperty("allocation").GetProperty("totalAmount").GetDecimal());
                    Assert.Equal(payment.GetProperty("customerRef").GetProperty("id").GetString(), invoice.GetProperty("customerRef").GetProperty("id").GetString());
                    linked++;
                }
                else
                {
                    Assert.Equal("PaymentOnAccount", link.GetProperty("type").GetString());
                    Assert.Equal(payment.GetProperty("customerRef").GetProperty("id").GetString(), link.GetProperty("id").GetString());
                }
            }
        }

        Assert.True(linked > 0);
    }

    [Fact]
    public async Task A_deleted_invoice_is_void_and_has_no_journal_entry()
    {
        using var sql = company.OpenSql();
        var deleted = SqlCheck.Scalar<long>(sql, "SELECT MIN(HEADER_NUMBER) FROM AUDIT_HEADER WHERE TYPE = 'SI' AND DELETED_FLAG = 1").ToString(CultureInfo.InvariantCulture);
        await using var source = await company.OpenAsync();
        var invoice = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices)).Single(i => i.GetProperty("id").GetString() == deleted);
        Assert.Equal("Void", invoice.GetProperty("status").GetString());
        Assert.True(invoice.GetProperty("metadata").GetProperty("isDeleted").GetBoolean());
        Assert.Equal(0m, invoice.GetProperty("amountDue").GetDecimal());
        Assert.DoesNotContain(await Sage50Json.ReadAllAsync(source, DataTypeNames.JournalEntries), e => e.GetProperty("id").GetString() == deleted);
    }

    [Fact]
    public async Task Reference_data_maps_to_codat_fields()
    {
        await using var source = await company.OpenAsync();
        var info = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Company)).Single();
        Assert.Equal("Hebden Oak Joinery Ltd", info.GetProperty("companyName").GetString());
        Assert.Equal("GB 294 7716 42", info.GetProperty("taxNumber").GetString());
        Assert.Equal("GBP", info.GetProperty("baseCurrency").GetString());
        Assert.Equal("2024-04-01T00:00:00", info.GetProperty("financialYearStartDate").GetString());
        Assert.Equal("HX7 8AB", info.GetProperty("addresses")[0].GetProperty("postalCode").GetString());

        var taxRates = (await Sage50Json.ReadAllAsync(source, DataTypeNames.TaxRates)).ToDictionary(t => t.GetProperty("code").GetString()!);
        Assert.Equal(20.00m, taxRates["T1"].GetProperty("effectiveTaxRate").GetDecimal());
        Assert.Equal("Standard rated", taxRates["T1"].GetProperty("name").GetString());
        Assert.Equal(0m, taxRates["T0"].GetProperty("effectiveTaxRate").GetDecimal());
        Assert.Equal("Transactions not involving VAT", taxRates["T9"].GetProperty("name").GetString());
        Assert.All(taxRates.Values, t => Assert.False(t.GetProperty("metadata").GetProperty("isDeleted").GetBoolean()));

        var accounts = (await Sage50Json.ReadAllAsync(source, DataTypeNames.ChartOfAccounts)).ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal("Asset", accounts["1200"].GetProperty("type").GetString());
        Assert.True(accounts["1200"].GetProperty("isBankAccount").GetBoolean());
        Assert.Equal("Asset.Current Assets.Bank Account", accounts["1200"].GetProperty("fullyQualifiedCategory").GetString());
        Assert.Equal("Asset.Current Assets.Bank Account.Bank Current Account", accounts["1200"].GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("Income", accounts["4000"].GetProperty("type").GetString());
        Assert.Equal("Liability", accounts["2200"].GetProperty("type").GetString());
        Assert.Equal("Equity", accounts["3000"].GetProperty("type").GetString());
        Assert.Equal("Expense", accounts["7000"].GetProperty("type").GetString());
        Assert.False(accounts["4000"].GetProperty("isBankAccount").GetBoolean());

        var banks = (await Sage50Json.ReadAllAsync(source, DataTypeNames.BankAccounts)).ToDictionary(b => b.GetProperty("id").GetString()!);
        Assert.Equal("Bank Current Account", banks["1200"].GetProperty("accountName").GetString());
        Assert.Equal("20-45-77", banks["1200"].GetProperty("sortCode").GetString());
        Assert.Equal("Debit", banks["1200"].GetProperty("accountType").GetString());
        Assert.Equal("Credit", banks["1240"].GetProperty("accountType").GetString());
        Assert.Equal(company.Manifest.TrialBalance["1200"], banks["1200"].GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Customers_and_suppliers_map_their_ledger_records()
    {
        using var sql = company.OpenSql();
        await using var source = await company.OpenAsync();
        foreach (var (table, dataType, nameField) in new[] { ("SALES_LEDGER", DataTypeNames.Customers, "customerName"), ("PURCHASE_LEDGER", DataTypeNames.Suppliers, "supplierName") })
        {
            var rows = SqlCheck.Rows(sql, $"SELECT ACCOUNT_REF, NAME, E_MAIL, ADDRESS_1, ADDRESS_3, ADDRESS_5, INACTIVE_FLAG, VAT_REG_NUMBER FROM {table} ORDER BY ACCOUNT_REF");
            var records = await Sage50Json.ReadAllAsync(source, dataType);
            Assert.Equal(rows.Select(r => (string)r[0]), records.Select(r => r.GetProperty("id").GetString()));
            for (var i = 0; i < rows.Count; i++)
            {
                var record = records[i];
                Assert.Equal((string)rows[i][1], record.GetProperty(nameField).GetString());
                Assert.Equal((string)rows[i][2], record.GetProperty("emailAddress").GetString());
                var billing = record.GetProperty("addresses")[0];
                Assert.Equal("Billing", billing.GetProperty("type").GetString());
                Assert.Equal((string)rows[i][3], billing.GetProperty("line1").GetString());
                Assert.Equal((string)rows[i][4], billing.GetProperty("city").GetString());
                Assert.Equal((string)rows[i][5], billing.GetProperty("postalCode").GetString());
                Assert.Equal((long)rows[i][6] == 1 ? "Archived" : "Active", record.GetProperty("status").GetString());
                Assert.Equal(rows[i][7] as string, record.TryGetProperty("taxNumber", out var vat) ? vat.GetString() : null);
                Assert.Equal("GBP", record.GetProperty("defaultCurrency").GetString());
            }
        }
    }

    [Fact]
    public async Task Bank_transactions_are_signed_as_on_a_bank_statement()
    {
        await using var source = await company.OpenAsync();
        var transactions = await Sage50Json.ReadAllAsync(source, DataTypeNames.BankTransactions);
        Assert.Contains(transactions, t => t.GetProperty("transactionType").GetString() == "Credit");
        Assert.All(transactions, t =>
        {
            var amount = t.GetProperty("amount").GetDecimal();
            Assert.Equal(amount < 0 ? "Debit" : "Credit", t.GetProperty("transactionType").GetString());
            Assert.Contains(t.GetProperty("accountId").GetString(), new[] { "1200", "1210", "1230", "1240" });
        });
    }

    [Fact]
    public async Task Reading_twice_gives_the_same_bytes()
    {
        await using var source = await company.OpenAsync();
        foreach (var dataType in new[] { DataTypeNames.Invoices, DataTypeNames.JournalEntries, DataTypeNames.Customers })
        {
            var first = await Bytes(source, dataType);
            var second = await Bytes(source, dataType);
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        await using var source = await company.OpenAsync();
        using var cancellation = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in Sage50Readers.Default.For(DataTypeNames.JournalEntries).ReadAsync(source, cancellation.Token))
            {
                if (++read == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(10, read);
    }

    private static async Task<byte[]> Bytes(EdgeAgent.Sage50.Access.ISage50DataSource source, string dataType)
    {
        using var buffer = new MemoryStream();
        await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None))
        {
            buffer.Write(record.Json.Span);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    [GeneratedRegex(@"^-?\d+\.\d\d$")]
    private static partial Regex MoneyText();
}
