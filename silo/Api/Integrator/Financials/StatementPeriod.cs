namespace Ledgerlink.Silo.Api.Integrator.Financials;

/// <summary>The months <paramref name="First"/> to <paramref name="Last"/>, both included.</summary>
public sealed record StatementPeriod(LedgerMonth First, LedgerMonth Last);
