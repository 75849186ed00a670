namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// Balance sheet, profit and loss and cash flow statement from a <see cref="Ledger"/>, laid out as Sage lays out its
/// chart (type, then heading, then category, then account). Signs are the reader's: assets, liabilities, equity, income
/// and expenses are all positive when they hold their usual side.
/// </summary>
public static class FinancialStatements
{
    public const string CurrentYearEarnings = "Current Year Earnings";
    public const string PriorYearsEarnings = "Prior Years' Earnings";

    public static BalanceSheetResponse BalanceSheet(Ledger ledger, IReadOnlyList<StatementPeriod> periods) => new(
        ledger.Currency,
        periods.Select(p => BalanceSheetAt(ledger, p.Last)).ToList(),
        ledger.Latest?.FirstDay,
        ledger.Earliest?.FirstDay);

    /// <summary>
    /// The balance sheet at the end of <paramref name="month"/>. Income and expense accounts are never closed in the
    /// journal, so their sum is carried into equity: this year's as current year earnings, earlier years' beside it.
    /// Accounts of no known type are shown as liabilities, so the sheet still balances and the account is visible.
    /// </summary>
    public static BalanceSheetReport BalanceSheetAt(Ledger ledger, LedgerMonth month)
    {
        var accounts = ledger.PostedAccounts.Select(ledger.Account).ToList();
        var assets = Section("Assets", accounts.Where(a => a.Type == "Asset"), a => ledger.Movement(a.Id, null, month));
        var liabilities = Section(
            "Liabilities", accounts.Where(a => a.Type is not ("Asset" or "Equity" or "Income" or "Expense")), a => -ledger.Movement(a.Id, null, month));

        var yearStart = ledger.FinancialYearStart(month);
        var profitAndLoss = accounts.Where(a => a.Type is "Income" or "Expense").ToList();
        var currentYear = -profitAndLoss.Sum(a => ledger.Movement(a.Id, yearStart, month));
        var priorYears = -profitAndLoss.Sum(a => ledger.Movement(a.Id, null, yearStart.Plus(-1)));
        var equityAccounts = Section("Equity", accounts.Where(a => a.Type == "Equity"), a => -ledger.Movement(a.Id, null, month));
        var equityItems = (equityAccounts.Items ?? []).Concat(
        [
            new ReportLine(null, PriorYearsEarnings, priorYears, null),
            new ReportLine(null, CurrentYearEarnings, currentYear, null),
        ]).ToList();
        var equity = new ReportLine(null, "Equity", equityAccounts.Value + priorYears + currentYear, equityItems);
        return new BalanceSheetReport(month.LastDay, assets, liabilities, assets.Value - liabilities.Value, equity);
    }

    public static ProfitAndLossResponse ProfitAndLoss(Ledger ledger, IReadOnlyList<StatementPeriod> periods) => new(
        periods.Select(p => ProfitAndLossFor(ledger, p)).ToList(),
        "Accrual",
        ledger.Currency,
        ledger.Latest?.FirstDay,
        ledger.Earliest?.FirstDay);

    public static ProfitAndLossReport ProfitAndLossFor(Ledger ledger, StatementPeriod period)
    {
        var accounts = ledger.PostedAccounts.Select(ledger.Account).ToList();
        decimal Moved(LedgerAccount a) => ledger.Movement(a.Id, period.First, period.Last);
        var income = Section("Income", accounts.Where(a => a.Type == "Income"), a => -Moved(a));
        var costOfSales = Section("Cost of Sales", accounts.Where(a => a.IsCostOfSales), Moved);
        var expenses = Section("Expenses", accounts.Where(a => a.Type == "Expense" && !a.IsCostOfSales), Moved);
        // Sage's layout has no headings for other income or expenses: everything is above net operating profit.
        var otherIncome = new ReportLine(null, "Other Income", 0m, []);
        var otherExpenses = new ReportLine(null, "Other Expenses", 0m, []);
        var grossProfit = income.Value - costOfSales.Value;
        var netOperatingProfit = grossProfit - expenses.Value;
        var netOtherIncome = otherIncome.Value - otherExpenses.Value;
        return new ProfitAndLossReport(
            period.First.FirstDay, period.Last.LastDay, income, costOfSales, grossProfit, expenses, netOperatingProfit,
            otherExpenses, otherIncome, netOtherIncome, netOperatingProfit + netOtherIncome);
    }

    public static CashFlowStatementResponse CashFlowStatement(Ledger ledger, IReadOnlyList<StatementPeriod> periods) => new(
        periods.Select(p => CashFlowFor(ledger, p)).ToList(),
        "Cash",
        "Direct",
        ledger.Currency,
        ledger.Latest?.FirstDay,
        ledger.Earliest?.FirstDay);

    /// <summary>
    /// Money into and out of each bank account in the period: per journal entry, its net movement on the account.
    /// Receipts less payments is the change in the bank accounts' balances, transfers between them included.
    /// </summary>
    public static CashFlowStatementReport CashFlowFor(Ledger ledger, StatementPeriod period)
    {
        var flows = ledger.CashAccounts.Order(StringComparer.Ordinal)
            .Select(id => (Account: ledger.Account(id), Flow: ledger.Cash(id, period.First, period.Last)))
            .ToList();
        var receipts = flows.Where(f => f.Flow.In != 0).Select(f => new ReportLine(f.Account.Id, f.Account.Name, f.Flow.In, null)).ToList();
        var payments = flows.Where(f => f.Flow.Out != 0).Select(f => new ReportLine(f.Account.Id, f.Account.Name, f.Flow.Out, null)).ToList();
        return new CashFlowStatementReport(
            period.First.FirstDay,
            period.Last.LastDay,
            new ReportLine(null, "Cash Receipts", receipts.Sum(r => r.Value), receipts),
            new ReportLine(null, "Cash Payments", payments.Sum(p => p.Value), payments));
    }

    /// <summary>A section of the report: accounts under their Sage heading and category, zero balances left out.</summary>
    private static ReportLine Section(string name, IEnumerable<LedgerAccount> accounts, Func<LedgerAccount, decimal> value)
    {
        var valued = accounts.Select(a => (Account: a, Value: value(a))).Where(x => x.Value != 0).ToList();
        var headings = valued
            .GroupBy(x => x.Account.Heading ?? "Other")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(heading =>
            {
                var categories = heading
                    .GroupBy(x => x.Account.Category ?? heading.Key)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(category =>
                    {
                        var leaves = category.OrderBy(x => x.Account.Id, StringComparer.Ordinal)
                            .Select(x => new ReportLine(x.Account.Id, x.Account.Name, x.Value, null)).ToList();
                        return new ReportLine(null, category.Key, leaves.Sum(l => l.Value), leaves);
                    })
                    .ToList();
                return new ReportLine(null, heading.Key, categories.Sum(c => c.Value), categories);
            })
            .ToList();
        return new ReportLine(null, name, headings.Sum(h => h.Value), headings);
    }
}
