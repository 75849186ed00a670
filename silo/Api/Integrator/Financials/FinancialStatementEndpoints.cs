using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Json;

namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>
/// Codat's financial statements (<c>/data/financials/balanceSheet</c>, <c>profitAndLoss</c>, <c>cashFlowStatement</c>),
/// derived from the committed journal entries and chart of accounts: Sage's own category layout gives the lines, the
/// journal the figures. One pass over the journal serves any number of periods.
/// </summary>
public static class FinancialStatementEndpoints
{
    private const string Parameters =
        "Query parameters (Codat's): periodLength (months per period, 1-12, required), periodsToCompare (1-60, required), " +
        "startMonth (ISO 8601 date; its month starts the most recent period; default: the period ending with the latest " +
        "month with postings). Reports are listed most recent first.";

    public static RouteGroupBuilder MapFinancialStatements(this RouteGroupBuilder api)
    {
        var financials = api.MapGroup("/companies/{companyId}/data/financials").WithTags("Financial statements");
        financials.MapGet("/balanceSheet", (string companyId, HttpContext http, IGrainFactory grains, LedgerLoader loader) =>
                ServeAsync(companyId, http, grains, loader, FinancialStatements.BalanceSheet))
            .WithName("get-accounting-balance-sheet").WithSummary("Balance sheet at the end of each period").WithDescription(Parameters)
            .Produces<BalanceSheetResponse>();
        financials.MapGet("/profitAndLoss", (string companyId, HttpContext http, IGrainFactory grains, LedgerLoader loader) =>
                ServeAsync(companyId, http, grains, loader, FinancialStatements.ProfitAndLoss))
            .WithName("get-accounting-profit-and-loss").WithSummary("Profit and loss for each period").WithDescription(Parameters)
            .Produces<ProfitAndLossResponse>();
        financials.MapGet("/cashFlowStatement", (string companyId, HttpContext http, IGrainFactory grains, LedgerLoader loader) =>
                ServeAsync(companyId, http, grains, loader, FinancialStatements.CashFlowStatement))
            .WithName("get-accounting-cash-flow-statement").WithSummary("Cash flow statement (direct) for each period")
            .WithDescription(Parameters).Produces<CashFlowStatementResponse>();
        return api;
    }

    private static async Task<IResult> ServeAsync<T>(
        string companyId, HttpContext http, IGrainFactory grains, LedgerLoader loader, Func<Ledger, IReadOnlyList<StatementPeriod>, T> build)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var parsed = StatementRequest.Parse(http.Request);
        if (!parsed.TryGetValue(out var request))
        {
            return parsed.Error;
        }

        var loaded = await loader.LoadAsync(grains, companyId, http.RequestAborted);
        if (!loaded.TryGetValue(out var ledger))
        {
            return loaded.Error;
        }

        var periods = request.Periods(ledger.Latest ?? LedgerMonth.Of(DateTime.UtcNow));
        return Results.Json(build(ledger, periods), ApiJson.Options);
    }
}
