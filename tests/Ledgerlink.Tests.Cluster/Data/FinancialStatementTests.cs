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
/// Balance sheet, profit and loss and cash flow statement of the synced demo company, through HTTP, checked for
/// consistency with each other and against an independent calculation from the raw journal lines the readers read.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinancialStatementTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Statements_balance_reconcile_and_match_the_raw_journal_for_every_month_of_the_year()
    {
        await using var demo = await DemoCompanyReads.StartAsync(azurite);
        var reference = CodatReference.Load();
        var financials = $"{demo.CompanyPath}/data/financials";
        var yearStart = DateTime.Parse(demo.Parsed(DataTypeNames.Company)[0]["financialYearStartDate"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var lastMonth = yearStart.AddMonths(11);
        var last = lastMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var first = yearStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var journal = new RawJournal(demo.Parsed(DataTypeNames.ChartOfAccounts), demo.Parsed(DataTypeNames.JournalEntries));
        Assert.True(journal.Lines.Count > 100, "the demo company's journal is nearly empty");

        // Balance sheet, one per month of the year, most recent first.
        var sheet = await GetAsync(demo, reference, $"{financials}/balanceSheet?periodLength=1&periodsToCompare=12&startMonth={last}",
            "/companies/{companyId}/data/financials/balanceSheet");
        var sheets = sheet["reports"]!.AsArray().Select(r => r!).Reverse().ToList();
        Assert.Equal(12, sheets.Count);
        for (var m = 0; m < 12; m++)
        {
            var month = yearStart.AddMonths(m);
            var end = month.AddMonths(1).AddDays(-1);
            var report = sheets[m];
            Assert.Equal(end, DateTime.Parse(report["date"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            var assets = Value(report["assets"]);
            var liabilities = Value(report["liabilities"]);
            var equity = Value(report["equity"]);
            Assert.True(assets == liabilities + equity, $"{end:yyyy-MM}: assets {assets} != liabilities {liabilities} + equity {equity}");
            Assert.Equal(assets - liabilities, report["netAssets"]!.GetValue<decimal>());
            Assert.Equal(journal.Balance("Asset", end), assets);
            Assert.Equal(-journal.Balance("Liability", end), liabilities);
            Assert.Equal(SumOfLeaves(report["assets"]!), assets);
            Assert.Equal(SumOfLeaves(report["liabilities"]!), liabilities);
        }

        // Profit and loss: each month, and the year, which is the sum of its months.
        var monthly = (await GetAsync(demo, reference, $"{financials}/profitAndLoss?periodLength=1&periodsToCompare=12&startMonth={last}",
            "/companies/{companyId}/data/financials/profitAndLoss"))["reports"]!.AsArray().Select(r => r!).Reverse().ToList();
        var year = (await GetAsync(demo, reference, $"{financials}/profitAndLoss?periodLength=12&periodsToCompare=1&startMonth={first}",
            "/companies/{companyId}/data/financials/profitAndLoss"))["reports"]![0]!;
        Assert.Equal(yearStart, DateTime.Parse(year["fromDate"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        foreach (var field in new[] { "grossProfit", "netOperatingProfit", "netProfit" })
        {
            Assert.Equal(monthly.Sum(p => p[field]!.GetValue<decimal>()), year[field]!.GetValue<decimal>());
        }

        Assert.Equal(monthly.Sum(p => Value(p["income"])), Value(year["income"]));
        Assert.NotEqual(0m, Value(year["income"]));
        for (var m = 0; m < 12; m++)
        {
            var from = yearStart.AddMonths(m);
            var to = from.AddMonths(1).AddDays(-1);
            var report = monthly[m];
            Assert.Equal(-journal.Movement("Income", from, to), Value(report["income"]));
            Assert.Equal(journal.Movement("Expense", from, to), Value(report["costOfSales"]) + Value(report["expenses"]));
            Assert.Equal(-journal.Movement("Income", from, to) - journal.Movement("Expense", from, to), report["netProfit"]!.GetValue<decimal>());
            Assert.Equal(
                Value(report["income"]) - Value(report["costOfSales"]) - Value(report["expenses"]),
                report["netProfit"]!.GetValue<decimal>());

            // The period's profit is the change in the balance sheet's earnings (this year's and earlier years').
            var earningsNow = Earnings(sheets[m]);
            var earningsBefore = m == 0 ? Earnings(await BalanceSheetAtAsync(demo, financials, from.AddMonths(-1))) : Earnings(sheets[m - 1]);
            Assert.Equal(report["netProfit"]!.GetValue<decimal>(), earningsNow - earningsBefore);
        }

        // Cash flow: receipts less payments is the movement of the bank accounts, month by month and for the year.
        var cashMonthly = (await GetAsync(demo, reference, $"{financials}/cashFlowStatement?periodLength=1&periodsToCompare=12&startMonth={last}",
            "/companies/{companyId}/data/financials/cashFlowStatement"))["reports"]!.AsArray().Select(r => r!).Reverse().ToList();
        var cashYear = (await GetAsync(demo, reference, $"{financials}/cashFlowStatement?periodLength=12&periodsToCompare=1&startMonth={first}",
            "/companies/{companyId}/data/financials/cashFlowStatement"))["reports"]![0]!;
        var opening = journal.BankBalance(yearStart.AddDays(-1));
        var closing = journal.BankBalance(yearStart.AddMonths(12).AddDays(-1));
        Assert.NotEqual(0m, Value(cashYear["cashReceipts"]));
        Assert.Equal(closing - opening, Value(cashYear["cashReceipts"]) - Value(cashYear["cashPayments"]));
        for (var m = 0; m < 12; m++)
        {
            var from = yearStart.AddMonths(m);
            var movement = journal.BankBalance(from.AddMonths(1).AddDays(-1)) - journal.BankBalance(from.AddDays(-1));
            Assert.Equal(movement, Value(cashMonthly[m]["cashReceipts"]) - Value(cashMonthly[m]["cashPayments"]));
        }

        // The bank accounts' balances as Sage holds them are where the journal's bank lines end up.
        if (journal.LastPosting <= yearStart.AddMonths(12).AddDays(-1))
        {
            Assert.Equal(demo.Parsed(DataTypeNames.BankAccounts).Sum(b => b["balance"]!.GetValue<decimal>()), closing);
        }

        // Bad parameters: 400 naming the field.
        foreach (var (query, field) in new[]
                 {
                     ("periodLength=0&periodsToCompare=1", "periodLength"),
                     ("periodLength=1&periodsToCompare=1000", "periodsToCompare"),
                     ("periodLength=1&periodsToCompare=1&startMonth=May", "startMonth"),
                     ("periodsToCompare=1", "periodLength"),
                 })
        {
            foreach (var statement in new[] { "balanceSheet", "profitAndLoss", "cashFlowStatement" })
            {
                using var bad = await demo.Http.GetAsync(new Uri($"{financials}/{statement}?{query}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                var body = await bad.JsonAsync();
                Assert.Equal(field, body["validation"]!["errors"]![0]!["itemId"]!.GetValue<string>());
                Assert.Empty(reference.ValidateError(body));
            }
        }
    }

    private static async Task<JsonNode> GetAsync(DemoCompanyReads demo, CodatReference reference, string path, string referencePath)
    {
        var body = await demo.Http.GetJsonAsync(path);
        var problems = reference.Validate(referencePath, body);
        Assert.True(problems.Count == 0, $"{referencePath}:\n{string.Join('\n', problems.Take(20))}");
        return body;
    }

    private static async Task<JsonNode> BalanceSheetAtAsync(DemoCompanyReads demo, string financials, DateTime month) =>
        (await demo.Http.GetJsonAsync(
            $"{financials}/balanceSheet?periodLength=1&periodsToCompare=1&startMonth={month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))
        ["reports"]![0]!;

    private static decimal Value(JsonNode? line) => line!["value"]!.GetValue<decimal>();

    private static decimal SumOfLeaves(JsonNode line) =>
        line["items"] is JsonArray { Count: > 0 } items ? items.Sum(i => SumOfLeaves(i!)) : Value(line);

    private static decimal Earnings(JsonNode balanceSheet) =>
        balanceSheet["equity"]!["items"]!.AsArray()
            .Where(i => i!["accountId"] is null && i["name"]!.GetValue<string>().Contains("Earnings", StringComparison.Ordinal))
            .Sum(i => Value(i));

    /// <summary>The journal lines as the readers read them, typed by the chart: the test's own arithmetic.</summary>
    private sealed class RawJournal
    {
        public RawJournal(List<JsonNode> chart, List<JsonNode> entries)
        {
            var types = chart.ToDictionary(a => a["id"]!.GetValue<string>(), a => a["type"]!.GetValue<string>());
            var banks = chart.Where(a => a["isBankAccount"]?.GetValue<bool>() == true).Select(a => a["id"]!.GetValue<string>()).ToHashSet();
            foreach (var entry in entries)
            {
                var posted = DateTime.Parse(entry["postedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                LastPosting = posted > LastPosting ? posted : LastPosting;
                foreach (var line in entry["journalLines"]!.AsArray())
                {
                    var account = line!["accountRef"]!["id"]!.GetValue<string>();
                    Lines.Add((posted.Date, types.GetValueOrDefault(account, "Unknown"), banks.Contains(account), line["netAmount"]!.GetValue<decimal>()));
                }
            }
        }

        public List<(DateTime Posted, string Type, bool Bank, decimal Amount)> Lines { get; } = [];

        public DateTime LastPosting { get; }

        public decimal Balance(string type, DateTime asAt) => Lines.Where(l => l.Type == type && l.Posted <= asAt).Sum(l => l.Amount);

        public decimal Movement(string type, DateTime from, DateTime to) =>
            Lines.Where(l => l.Type == type && l.Posted >= from && l.Posted <= to).Sum(l => l.Amount);

        public decimal BankBalance(DateTime asAt) => Lines.Where(l => l.Bank && l.Posted <= asAt).Sum(l => l.Amount);
    }
}
