using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Data;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// Codat's accounting read paths, used as a Codat client uses them, on the synced demo company: shapes validated
/// against Codat's reference schemas, get by id against the list, bank paths under the connection, company info,
/// the query language and its errors.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CodatReadTests(AzuriteFixture azurite)
{
    /// <summary>Our data types and the Codat reference paths (list, get by id) that serve them.</summary>
    private static readonly (string DataType, string Segment, string? ListPath, string? GetPath)[] Paths =
    [
        (DataTypeNames.ChartOfAccounts, "accounts", "/companies/{companyId}/data/accounts", "/companies/{companyId}/data/accounts/{accountId}"),
        (DataTypeNames.Customers, "customers", "/companies/{companyId}/data/customers", "/companies/{companyId}/data/customers/{customerId}"),
        (DataTypeNames.Suppliers, "suppliers", "/companies/{companyId}/data/suppliers", "/companies/{companyId}/data/suppliers/{supplierId}"),
        (DataTypeNames.Invoices, "invoices", "/companies/{companyId}/data/invoices", "/companies/{companyId}/data/invoices/{invoiceId}"),
        (DataTypeNames.CreditNotes, "creditNotes", "/companies/{companyId}/data/creditNotes", "/companies/{companyId}/data/creditNotes/{creditNoteId}"),
        (DataTypeNames.Bills, "bills", "/companies/{companyId}/data/bills", "/companies/{companyId}/data/bills/{billId}"),
        (DataTypeNames.BillCreditNotes, "billCreditNotes", "/companies/{companyId}/data/billCreditNotes", "/companies/{companyId}/data/billCreditNotes/{billCreditNoteId}"),
        (DataTypeNames.Payments, "payments", "/companies/{companyId}/data/payments", "/companies/{companyId}/data/payments/{paymentId}"),
        (DataTypeNames.BillPayments, "billPayments", "/companies/{companyId}/data/billPayments", "/companies/{companyId}/data/billPayments/{billPaymentId}"),
        (DataTypeNames.JournalEntries, "journalEntries", "/companies/{companyId}/data/journalEntries", "/companies/{companyId}/data/journalEntries/{journalEntryId}"),
        (DataTypeNames.BankAccounts, "bankAccounts", null, null),
        (DataTypeNames.BankTransactions, "bankTransactions", null, null),
        (DataTypeNames.TaxRates, "taxRates", null, null),
    ];

    [Fact]
    public async Task Every_accounting_path_answers_in_Codat_shape_and_get_by_id_equals_the_record_in_the_list()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        foreach (var (dataType, segment, listPath, getPath) in Paths)
        {
            var listed = await PagesAsync(demo, $"{demo.CompanyPath}/data/{segment}", listPath is null ? null : reference, listPath);
            Assert.Equal(demo.Records[dataType].Count, listed.Count);
            Assert.True(listed.Count > 0, $"{dataType}: the demo company has none");
            foreach (var record in Sample(listed))
            {
                var id = record["id"]!.GetValue<string>();
                var got = await demo.Http.GetJsonAsync($"{demo.CompanyPath}/data/{segment}/{Uri.EscapeDataString(id)}");
                Assert.True(JsonNode.DeepEquals(record, got), $"{dataType} {id}: get by id differs from the list");
                if (getPath is not null)
                {
                    AssertConforms(reference, getPath, got);
                }
            }
        }

        // Company info: one object in CompanyInfo's shape, the company dataset's one record.
        var info = await demo.Http.GetJsonAsync($"{demo.CompanyPath}/data/info");
        AssertConforms(reference, "/companies/{companyId}/data/info", info);
        Assert.True(JsonNode.DeepEquals(demo.Parsed(DataTypeNames.Company)[0], ServedRecord.Unstamped(info)));
        Assert.False(string.IsNullOrEmpty(info["companyName"]?.GetValue<string>()));

        // Bank accounts and their transactions where Codat serves them: under the connection.
        var connection = await demo.ConnectionIdAsync();
        var bankPath = $"{demo.CompanyPath}/connections/{connection}/data/bankAccounts";
        var banks = await PagesAsync(demo, bankPath, reference, "/companies/{companyId}/connections/{connectionId}/data/bankAccounts");
        Assert.Equal(demo.Parsed(DataTypeNames.BankAccounts).Select(b => b.ToJsonString()), banks.Select(b => ServedRecord.Unstamped(b).ToJsonString()));
        var perAccount = new List<JsonNode>();
        foreach (var bank in banks)
        {
            var id = bank["id"]!.GetValue<string>();
            var one = await demo.Http.GetJsonAsync($"{bankPath}/{Uri.EscapeDataString(id)}");
            AssertConforms(reference, "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}", one);
            Assert.True(JsonNode.DeepEquals(bank, one));
            var transactions = await PagesAsync(
                demo, $"{bankPath}/{Uri.EscapeDataString(id)}/bankTransactions", reference,
                "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions");
            Assert.All(transactions, t => Assert.Equal(id, t["accountId"]!.GetValue<string>()));
            perAccount.AddRange(transactions);
        }

        var companyWide = demo.Parsed(DataTypeNames.BankTransactions);
        Assert.True(companyWide.Count > 0);
        Assert.Equal(companyWide.Count, perAccount.Count);
        Assert.Equal(
            companyWide.Sum(t => t["amount"]!.GetValue<decimal>()),
            perAccount.Sum(t => t["amount"]!.GetValue<decimal>()));
        Assert.Equal(companyWide.Select(t => t["id"]!.GetValue<string>()).Order(), perAccount.Select(t => t["id"]!.GetValue<string>()).Order());

        // Unknown ids: 404 in Codat's error body, for a record, a bank account and a connection.
        foreach (var path in new[]
                 {
                     $"{demo.CompanyPath}/data/invoices/no-such-invoice",
                     $"{demo.CompanyPath}/data/accounts/0000000",
                     $"{bankPath}/no-such-account",
                     $"{bankPath}/no-such-account/bankTransactions",
                     $"{demo.CompanyPath}/connections/{Guid.NewGuid()}/data/bankAccounts",
                 })
        {
            using var missing = await demo.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var body = await missing.JsonAsync();
            Assert.Equal(404, body["statusCode"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty(body["error"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(body["correlationId"]!.GetValue<string>()));
            Assert.Empty(reference.ValidateError(body));
        }
    }

    [Fact]
    public async Task Grouped_queries_and_date_comparisons_give_the_records_filtering_the_full_list_gives()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var invoices = demo.Parsed(DataTypeNames.Invoices);
        var journal = demo.Parsed(DataTypeNames.JournalEntries);
        var amounts = invoices.Select(i => i["totalAmount"]!.GetValue<decimal>()).Order().ToList();
        var high = amounts[amounts.Count * 3 / 4];
        var low = amounts[amounts.Count / 4];
        var someDate = journal[journal.Count / 2]["postedOn"]!.GetValue<string>();
        var day = someDate[..10];
        var customer = invoices[0]["customerRef"]!["id"]!.GetValue<string>();

        var cases = new (string DataType, string Segment, string Query, Func<JsonNode, bool> Expected)[]
        {
            (DataTypeNames.Invoices, "invoices", $"{{totalAmount > {Num(high)} || totalAmount < {Num(low)}}} && status != paid",
                i => (Amount(i, "totalAmount") > high || Amount(i, "totalAmount") < low) && !Is(i, "status", "paid")),
            // && binds tighter than ||: the same conditions without braces mean something else.
            (DataTypeNames.Invoices, "invoices", $"totalAmount > {Num(high)} || totalAmount < {Num(low)} && status != paid",
                i => Amount(i, "totalAmount") > high || (Amount(i, "totalAmount") < low && !Is(i, "status", "paid"))),
            (DataTypeNames.Invoices, "invoices", $"customerRef.id={customer} && {{status=paid || amountDue>=0}}",
                i => i["customerRef"]!["id"]!.GetValue<string>() == customer && (Is(i, "status", "paid") || Amount(i, "amountDue") >= 0)),
            (DataTypeNames.JournalEntries, "journalEntries", $"postedOn>{day}", e => Date(e) > DateTime.Parse(day, CultureInfo.InvariantCulture)),
            (DataTypeNames.JournalEntries, "journalEntries", $"postedOn>={day}", e => Date(e) >= DateTime.Parse(day, CultureInfo.InvariantCulture)),
            (DataTypeNames.JournalEntries, "journalEntries", $"postedOn={day}", e => Date(e) == DateTime.Parse(day, CultureInfo.InvariantCulture)),
            (DataTypeNames.JournalEntries, "journalEntries", $"postedOn<{day}T00:00:00 || postedOn>{day}T00:00:00",
                e => Date(e) != DateTime.Parse(day, CultureInfo.InvariantCulture)),
        };
        foreach (var (dataType, segment, query, expected) in cases)
        {
            var want = demo.Parsed(dataType).Where(expected).Select(r => r["id"]!.GetValue<string>()).ToList();
            var got = (await PagesAsync(demo, $"{demo.CompanyPath}/data/{segment}?query={Uri.EscapeDataString(query)}", null, null))
                .Select(r => r["id"]!.GetValue<string>()).ToList();
            Assert.True(want.Count > 0 && want.Count < demo.Records[dataType].Count, $"'{query}' does not discriminate ({want.Count} records)");
            Assert.True(want.SequenceEqual(got), $"'{query}': {got.Count} records, expected {want.Count}");
        }

        // orderBy on a nested field, descending, agrees with sorting the list.
        var ordered = (await PagesAsync(demo, $"{demo.CompanyPath}/data/invoices?orderBy=-totalAmount", null, null))
            .Select(i => Amount(i, "totalAmount")).ToList();
        Assert.Equal(amounts.AsEnumerable().Reverse(), ordered);

        foreach (var (query, position, token) in new[]
                 {
                     ("totalAmount > 100 &&", 21, "end of query"),
                     ("{totalAmount > 100 || status=paid", 34, "never closed"),
                     ("totalAmount 100", 13, "'100'"),
                     ("status=paid }", 13, "'}'"),
                     ("&& status=paid", 1, "'&&'"),
                 })
        {
            using var bad = await demo.Http.GetAsync(new Uri($"{demo.CompanyPath}/data/invoices?query={Uri.EscapeDataString(query)}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = (await bad.JsonAsync())["validation"]!["errors"]![0]!;
            Assert.Equal("query", error["itemId"]!.GetValue<string>());
            var message = error["message"]!.GetValue<string>();
            Assert.Contains($"position {position}", message, StringComparison.Ordinal);
            Assert.Contains(token, message, StringComparison.Ordinal);
        }

        using var unknownOrder = await demo.Http.GetAsync(new Uri($"{demo.CompanyPath}/data/invoices?orderBy=noSuchField", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknownOrder.StatusCode);
        var orderError = (await unknownOrder.JsonAsync())["validation"]!["errors"]![0]!;
        Assert.Equal("orderBy", orderError["itemId"]!.GetValue<string>());
        Assert.Contains("noSuchField", orderError["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Every page of a list (checked against the reference schema when given), its results in order.</summary>
    internal static async Task<List<JsonNode>> PagesAsync(DemoCompanyReads demo, string path, CodatReference? reference, string? referencePath)
    {
        var all = new List<JsonNode>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var page = 1; ; page++)
        {
            var body = await demo.Http.GetJsonAsync($"{path}{separator}page={page}&pageSize=2000");
            if (reference is not null)
            {
                AssertConforms(reference, referencePath!, body);
            }

            var results = body["results"]!.AsArray();
            all.AddRange(results.Select(r => r!.DeepClone()));
            if (all.Count >= body["totalResults"]!.GetValue<int>() || results.Count == 0)
            {
                return all;
            }
        }
    }

    /// <summary>All records of a small list; of a large one, 150 spread evenly with the first and last.</summary>
    private static IEnumerable<JsonNode> Sample(List<JsonNode> records) =>
        records.Count <= 150 ? records : Enumerable.Range(0, 150).Select(i => records[(int)((long)i * (records.Count - 1) / 149)]);

    internal static void AssertConforms(CodatReference reference, string referencePath, JsonNode body)
    {
        var problems = reference.Validate(referencePath, body);
        Assert.True(problems.Count == 0, $"{referencePath} ({reference.SchemaNameOf(referencePath)}):\n{string.Join('\n', problems.Take(20))}");
    }

    private static decimal Amount(JsonNode record, string field) => record[field]?.GetValue<decimal>() ?? 0m;

    private static bool Is(JsonNode record, string field, string value) =>
        string.Equals(record[field]?.GetValue<string>(), value, StringComparison.OrdinalIgnoreCase);

    private static DateTime Date(JsonNode entry) => DateTime.Parse(entry["postedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
