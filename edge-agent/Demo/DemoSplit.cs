namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// One split of the transaction being posted, its department and project (0 for none), and (for receipts and
/// payments) the split it pays.
/// </summary>
internal readonly record struct DemoSplit(
    string Nominal,
    DemoTaxCode TaxCode,
    long Net,
    long Tax,
    string Details,
    long Paid,
    string SplitType,
    DemoPaidSplit? Pays,
    int Department,
    int Project)
{
    public long Gross => Net + Tax;
}
