namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>Codat's <c>AccountingBalanceSheet</c>: one report per period, as at the period's last day.</summary>
public sealed record BalanceSheetResponse(
    string Currency, IReadOnlyList<BalanceSheetReport> Reports, string? MostRecentAvailableMonth, string? EarliestAvailableMonth);

public sealed record BalanceSheetReport(string Date, ReportLine Assets, ReportLine Liabilities, decimal NetAssets, ReportLine Equity);

/// <summary>Codat's <c>AccountingProfitAndLossReport</c>, on the accrual basis the journal is kept on.</summary>
public sealed record ProfitAndLossResponse(
    IReadOnlyList<ProfitAndLossReport> Reports, string ReportBasis, string Currency, string? MostRecentAvailableMonth,
    string? EarliestAvailableMonth);

public sealed record ProfitAndLossReport(
    string FromDate, string ToDate, ReportLine Income, ReportLine CostOfSales, decimal GrossProfit, ReportLine Expenses,
    decimal NetOperatingProfit, ReportLine OtherExpenses, ReportLine OtherIncome, decimal NetOtherIncome, decimal NetProfit);

/// <summary>Codat's <c>AccountingCashFlowStatement</c>: direct method, money into and out of the bank accounts.</summary>
public sealed record CashFlowStatementResponse(
    IReadOnlyList<CashFlowStatementReport> Reports, string ReportBasis, string ReportInput, string Currency,
    string? MostRecentAvailableMonth, string? EarliestAvailableMonth);

public sealed record CashFlowStatementReport(string FromDate, string ToDate, ReportLine CashReceipts, ReportLine CashPayments);
