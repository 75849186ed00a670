using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.DataTypes;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Data;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Sage50;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Ledgerlink.Tests.Data.CodatReadTests;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// The fields Codat's models have that Sage 50 holds, read over HTTP from the synced demo company and compared with
/// Sage's own rows (plain SQL on the demo company's tables, not the readers): line tracking categories (department,
/// project), the paying transaction in payment allocations, customer and supplier contacts, bank account IBANs, the
/// running balance of bank transactions and tax rate metadata. Every page read is validated against Codat's schema.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class CodatSageFieldsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Document_and_journal_lines_carry_the_department_and_project_of_their_Sage_split()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        using var sql = demo.OpenSql();
        var departments = Names(sql, "SELECT NUMBER, NAME FROM DEPARTMENT", k => (int)(long)k);
        var projects = Names(sql, "SELECT PROJECT_ID, NAME FROM PROJECT", k => (int)(long)k);
        Assert.True(departments.Count > 1 && projects.Count > 0, "the demo company has departments and projects");

        foreach (var (segment, sageType, hasProjects) in new[] { ("invoices", "SI", true), ("creditNotes", "SC", false), ("bills", "PI", true), ("billCreditNotes", "PC", false) })
        {
            var records = await PagesAsync(demo, $"{demo.CompanyPath}/data/{segment}", reference, $"/companies/{{companyId}}/data/{segment}");
            var lines = records.SelectMany(r => r["lineItems"]!.AsArray().Select(l => l!)).ToList();
            var splits = SqlCheck.Rows(sql, $"SELECT DEPT_NUMBER, PROJECT_ID FROM AUDIT_SPLIT WHERE TYPE = '{sageType}' ORDER BY HEADER_NUMBER, TRAN_NUMBER");
            Assert.Equal(splits.Count, lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                var (department, project) = ((int)(long)splits[i][0], (int)(long)splits[i][1]);
                var expected = new List<(string Id, string Name)>();
                if (department != 0)
                {
                    expected.Add(($"department-{department}", departments[department]));
                }

                if (project != 0)
                {
                    expected.Add(($"project-{project}", projects[project]));
                }

                var line = lines[i];
                if (expected.Count == 0)
                {
                    Assert.Null(line["trackingCategoryRefs"]);
                    Assert.Null(line["tracking"]);
                    continue;
                }

                Assert.Equal(expected, Refs(line["trackingCategoryRefs"]));
                var tracking = line["tracking"]!;
                Assert.Equal(expected, Refs(tracking["categoryRefs"]));
                Assert.Equal(project != 0 ? $"project-{project}" : null, tracking["projectRef"]?["id"]?.GetValue<string>());
                Assert.Equal(project != 0 ? projects[project] : null, tracking["projectRef"]?["name"]?.GetValue<string>());
                Assert.Equal(project != 0 ? "Project" : "NotApplicable", tracking["isBilledTo"]!.GetValue<string>());
                Assert.Equal("NotApplicable", tracking["isRebilledTo"]!.GetValue<string>());
            }

            Assert.True(splits.Count(s => (long)s[0] != 0) > 0, $"{segment}: no line has a department");
            Assert.True(!hasProjects || splits.Count(s => (long)s[1] != 0) > 0, $"{segment}: no line has a project");
        }

        var journal = await PagesAsync(demo, $"{demo.CompanyPath}/data/journalEntries", reference, "/companies/{companyId}/data/journalEntries");
        var journalLines = journal.SelectMany(e => e["journalLines"]!.AsArray().Select(l => l!)).ToList();
        var journalRows = SqlCheck.Rows(sql, """
            SELECT j.DEPT_NUMBER, s.PROJECT_ID FROM AUDIT_JOURNAL j LEFT JOIN AUDIT_SPLIT s ON s.TRAN_NUMBER = j.TRAN_NUMBER
            WHERE j.DELETED_FLAG = 0 ORDER BY j.HEADER_NUMBER, j.TRAN_NUMBER
            """);
        Assert.Equal(journalRows.Count, journalLines.Count);
        var tracked = 0;
        for (var i = 0; i < journalLines.Count; i++)
        {
            var (department, project) = ((long)journalRows[i][0], journalRows[i][1] is long p ? p : 0);
            var expected = new[] { department != 0 ? $"department-{department}" : null, project != 0 ? $"project-{project}" : null }.OfType<string>().ToList();
            var recordRefs = journalLines[i]["tracking"]?["recordRefs"]?.AsArray();
            if (expected.Count == 0)
            {
                Assert.Null(journalLines[i]["tracking"]);
                continue;
            }

            tracked++;
            Assert.Equal(expected, recordRefs!.Select(r => r!["id"]!.GetValue<string>()));
            Assert.All(recordRefs!, r => Assert.Equal("trackingCategories", r!["dataType"]!.GetValue<string>()));
        }

        Assert.True(tracked > 0);
    }

    [Fact]
    public async Task Payment_allocations_describe_the_paying_transaction_as_Sage_and_the_payments_list_have_it()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        using var sql = demo.OpenSql();
        var headers = SqlCheck.Rows(sql, "SELECT HEADER_NUMBER, INV_REF, DETAILS, BANK_CODE, GROSS_AMOUNT, FOREIGN_RATE, DATE FROM AUDIT_HEADER")
            .ToDictionary(r => ((long)r[0]).ToString(CultureInfo.InvariantCulture));
        var nominalNames = Names(sql, "SELECT ACCOUNT_REF, NAME FROM NOMINAL_LEDGER");

        foreach (var (segment, paymentType) in new[] { ("invoices", DataTypeNames.Payments), ("bills", DataTypeNames.BillPayments) })
        {
            var payments = demo.Parsed(paymentType).ToDictionary(p => p["id"]!.GetValue<string>());
            var documents = await PagesAsync(demo, $"{demo.CompanyPath}/data/{segment}", reference, $"/companies/{{companyId}}/data/{segment}");
            var allocations = documents.SelectMany(d => d["paymentAllocations"]!.AsArray().Select(a => a!)).ToList();
            Assert.True(allocations.Count > 0, $"{segment}: none paid");
            foreach (var allocation in allocations)
            {
                var payment = allocation["payment"]!;
                var id = payment["id"]!.GetValue<string>();
                var header = headers[id];
                Assert.Equal((string)header[1], payment["reference"]!.GetValue<string>());
                Assert.Equal((string)header[2], payment["note"]!.GetValue<string>());
                Assert.Equal((string)header[3], payment["accountRef"]!["id"]!.GetValue<string>());
                Assert.Equal(nominalNames[(string)header[3]], payment["accountRef"]!["name"]!.GetValue<string>());
                Assert.Equal(SqlCheck.Money(header[4]), payment["totalAmount"]!.GetValue<decimal>());
                Assert.Equal(Convert.ToDecimal(header[5], CultureInfo.InvariantCulture), payment["currencyRate"]!.GetValue<decimal>());
                Assert.Equal((string)header[6] + "T00:00:00", payment["paidOnDate"]!.GetValue<string>());

                // The same transaction as the payments list has it.
                var listed = payments[id];
                Assert.Equal(listed["totalAmount"]!.GetValue<decimal>(), payment["totalAmount"]!.GetValue<decimal>());
                Assert.Equal(listed["reference"]!.GetValue<string>(), payment["reference"]!.GetValue<string>());
                Assert.True(JsonNode.DeepEquals(listed["accountRef"], payment["accountRef"]));
                Assert.Equal(listed["currencyRate"]!.GetValue<decimal>(), payment["currencyRate"]!.GetValue<decimal>());
                Assert.Equal(listed["currency"]!.GetValue<string>(), payment["currency"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Customers_and_suppliers_carry_the_contacts_Sage_keeps_on_the_account()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        using var sql = demo.OpenSql();
        foreach (var (segment, table) in new[] { ("customers", "SALES_LEDGER"), ("suppliers", "PURCHASE_LEDGER") })
        {
            var records = await PagesAsync(demo, $"{demo.CompanyPath}/data/{segment}", reference, $"/companies/{{companyId}}/data/{segment}");
            var rows = SqlCheck.Rows(sql, $"SELECT ACCOUNT_REF, CONTACT_NAME, E_MAIL, TELEPHONE, ADDRESS_1, ADDRESS_5, INACTIVE_FLAG FROM {table} ORDER BY ACCOUNT_REF");
            Assert.Equal(rows.Select(r => (string)r[0]), records.Select(r => r["id"]!.GetValue<string>()));
            for (var i = 0; i < rows.Count; i++)
            {
                var contact = records[i]["contacts"]!.AsArray().Single()!;
                Assert.False(string.IsNullOrEmpty((string)rows[i][1]));
                Assert.Equal((string)rows[i][1], contact["name"]!.GetValue<string>());
                Assert.Equal((string)rows[i][2], contact["email"]!.GetValue<string>());
                var phone = contact["phone"]!.AsArray().Single()!;
                Assert.Equal((string)rows[i][3], phone["number"]!.GetValue<string>());
                Assert.Equal("Primary", phone["type"]!.GetValue<string>());
                Assert.Equal("Billing", contact["address"]!["type"]!.GetValue<string>());
                Assert.Equal((string)rows[i][4], contact["address"]!["line1"]!.GetValue<string>());
                Assert.Equal((string)rows[i][5], contact["address"]!["postalCode"]!.GetValue<string>());
                Assert.Equal((long)rows[i][6] == 1 ? "Archived" : "Active", contact["status"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Bank_accounts_carry_Sage_IBANs_and_bank_transactions_a_running_balance_that_ends_at_the_account_balance()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        using var sql = demo.OpenSql();
        var connection = await demo.ConnectionIdAsync();
        var bankPath = $"{demo.CompanyPath}/connections/{connection}/data/bankAccounts";
        var banks = await PagesAsync(demo, bankPath, reference, "/companies/{companyId}/connections/{connectionId}/data/bankAccounts");
        var ibans = SqlCheck.Rows(sql, "SELECT ACCOUNT_REF, IBAN FROM BANK").ToDictionary(r => (string)r[0], r => r[1] as string);
        Assert.Equal(ibans.Count, banks.Count);
        Assert.Contains(ibans.Values, i => i is not null);
        foreach (var bank in banks)
        {
            var iban = ibans[bank["id"]!.GetValue<string>()];
            Assert.Equal(iban, bank["iBan"]?.GetValue<string>());
            if (iban is not null)
            {
                Assert.True(IsValidIban(iban), $"{iban} fails the IBAN check digits");
            }
        }

        // The running balance, computed here from the journal entries read over HTTP: every posting to the bank's
        // nominal account in date and then transaction order.
        var journal = demo.Parsed(DataTypeNames.JournalEntries)
            .OrderBy(e => e["postedOn"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(e => long.Parse(e["id"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var running = new Dictionary<string, decimal>();
        var after = new Dictionary<(string Entry, string Bank), decimal>();
        var bankIds = banks.Select(b => b["id"]!.GetValue<string>()).ToHashSet();
        foreach (var entry in journal)
        {
            foreach (var line in entry["journalLines"]!.AsArray())
            {
                var account = line!["accountRef"]!["id"]!.GetValue<string>();
                if (bankIds.Contains(account))
                {
                    running[account] = running.GetValueOrDefault(account) + line["netAmount"]!.GetValue<decimal>();
                    after[(entry["id"]!.GetValue<string>(), account)] = running[account];
                }
            }
        }

        var listed = 0;
        foreach (var bank in banks)
        {
            var id = bank["id"]!.GetValue<string>();
            var balance = bank["balance"]!.GetValue<decimal>();
            Assert.Equal(balance, running.GetValueOrDefault(id));
            var transactions = await PagesAsync(
                demo, $"{bankPath}/{Uri.EscapeDataString(id)}/bankTransactions", reference,
                "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions");
            listed += transactions.Count;
            foreach (var transaction in transactions)
            {
                Assert.Equal(after[(transaction["id"]!.GetValue<string>(), id)], transaction["balance"]!.GetValue<decimal>());
            }

            if (transactions.Count == 0)
            {
                continue; // the deposit account only moves by journal transfers
            }

            // The last transaction listed, plus what was posted to the account after it (receipts, payments and
            // journals are not bank transactions), is the account's balance.
            var last = transactions.OrderBy(t => t["clearedOnDate"]!.GetValue<string>(), StringComparer.Ordinal)
                .ThenBy(t => long.Parse(t["id"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Last();
            var laterPostings = SqlCheck.Money(SqlCheck.Scalar<double>(sql, $"""
                SELECT COALESCE(SUM(AMOUNT), 0) FROM AUDIT_JOURNAL WHERE DELETED_FLAG = 0 AND NOMINAL_CODE = '{id}'
                  AND (DATE > '{last["clearedOnDate"]!.GetValue<string>()[..10]}'
                       OR (DATE = '{last["clearedOnDate"]!.GetValue<string>()[..10]}' AND HEADER_NUMBER > {last["id"]!.GetValue<string>()}))
                """));
            Assert.Equal(balance, last["balance"]!.GetValue<decimal>() + laterPostings);
        }

        Assert.Equal(demo.Records[DataTypeNames.BankTransactions].Count, listed);
    }

    [Fact]
    public async Task Tax_rates_carry_metadata_and_no_invented_modification_date()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        using var sql = demo.OpenSql();
        var taxRates = await PagesAsync(demo, $"{demo.CompanyPath}/data/taxRates", null, null);
        Assert.Equal(SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM TAX_CODE"), taxRates.Count);
        Assert.All(taxRates, t => Assert.False(t["metadata"]!["isDeleted"]!.GetValue<bool>()));

        // Sage 50's published TAX_CODE columns have no modification date, so none is sent.
        var columns = SqlCheck.Rows(sql, "SELECT name FROM pragma_table_info('TAX_CODE')").Select(r => (string)r[0]).ToList();
        Assert.DoesNotContain("RECORD_MODIFY_DATE", columns);
        Assert.All(taxRates, t => Assert.Null(t["sourceModifiedDate"]));
    }

    private static Dictionary<TKey, string> Names<TKey>(SqliteConnection sql, string query, Func<object, TKey> key)
        where TKey : notnull =>
        SqlCheck.Rows(sql, query).ToDictionary(r => key(r[0]), r => (string)r[1]);

    private static Dictionary<string, string> Names(SqliteConnection sql, string query) =>
        Names(sql, query, k => k is long number ? number.ToString(CultureInfo.InvariantCulture) : (string)k);

    private static List<(string Id, string Name)> Refs(JsonNode? refs) =>
        refs!.AsArray().Select(r => (r!["id"]!.GetValue<string>(), r["name"]!.GetValue<string>())).ToList();

    /// <summary>ISO 13616: move the first four characters to the end, letters as 10..35, and the number mod 97 is 1.</summary>
    private static bool IsValidIban(string iban)
    {
        var digits = new StringBuilder();
        foreach (var c in iban[4..] + iban[..4])
        {
            digits.Append(char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10);
        }

        return BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97 == 1;
    }
}
