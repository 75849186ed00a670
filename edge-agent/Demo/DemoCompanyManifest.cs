using Ledgerlink.DataTypes;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// What the generator wrote, known independently of the readers: the record count of every data type, control
/// totals their records must add up to, the trial balance and the ledger balances, all from exact pennies.
/// End-to-end tests compare a sync's output with it.
/// </summary>
/// <param name="DataDirectory">The company folder (the one holding ACCDATA), as the SMB owner would enter it.</param>
/// <param name="RecordCounts">Data type key → number of records its reader returns.</param>
/// <param name="TrialBalance">Nominal code → balance (debit positive) of every account, including those at zero; sums to zero.</param>
/// <param name="CustomerBalances">Customer account → what the customer owes.</param>
/// <param name="SupplierBalances">Supplier account → what the business owes the supplier.</param>
public sealed record DemoCompanyManifest(
    string DataDirectory,
    DemoCompanyOptions Options,
    long HeaderCount,
    long SplitCount,
    long JournalLineCount,
    long UsageCount,
    IReadOnlyDictionary<string, long> RecordCounts,
    IReadOnlyList<DemoControlTotal> ControlTotals,
    IReadOnlyDictionary<string, decimal> TrialBalance,
    IReadOnlyDictionary<string, decimal> CustomerBalances,
    IReadOnlyDictionary<string, decimal> SupplierBalances)
{
    public string UserName => DemoCompanyOptions.ManagerUserName;

    public decimal ControlTotal(string dataType, string field) =>
        ControlTotals.SingleOrDefault(t => t.DataType == dataType && t.Field == field)?.Total ?? 0m;

    /// <summary>The manifest of a company the builder has just written, from what its ledger posted.</summary>
    internal static DemoCompanyManifest Of(
        string dataDirectory, DemoCompanyOptions options, DemoLedger ledger, IReadOnlyList<DemoAccount> customers, IReadOnlyList<DemoAccount> suppliers)
    {
        var counts = DataTypeNames.All.ToDictionary(d => d, d => ledger.Tallies.Counts.GetValueOrDefault(d), StringComparer.Ordinal);
        counts[DataTypeNames.Company] = 1;
        counts[DataTypeNames.ChartOfAccounts] = DemoChart.NominalAccounts.Length;
        counts[DataTypeNames.TaxRates] = DemoChart.TaxCodes.Length;
        counts[DataTypeNames.Customers] = customers.Count;
        counts[DataTypeNames.Suppliers] = suppliers.Count;
        counts[DataTypeNames.BankAccounts] = DemoChart.Banks.Length;
        return new DemoCompanyManifest(
            dataDirectory,
            options,
            ledger.HeaderCount,
            ledger.SplitCount,
            ledger.JournalLineCount,
            ledger.UsageCount,
            counts,
            ledger.Tallies.Totals,
            DemoChart.NominalAccounts.ToDictionary(a => a.Code, a => ledger.NominalBalances.GetValueOrDefault(a.Code) / 100m, StringComparer.Ordinal),
            customers.ToDictionary(c => c.Reference, c => ledger.CustomerBalances.GetValueOrDefault(c.Reference) / 100m, StringComparer.Ordinal),
            suppliers.ToDictionary(s => s.Reference, s => ledger.SupplierBalances.GetValueOrDefault(s.Reference) / 100m, StringComparer.Ordinal));
    }
}
