namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>One split of the transaction being posted, and (for receipts and payments) the split it pays.</summary>
internal readonly record struct DemoSplit(
    string Nominal,
    DemoTaxCode TaxCode,
    long Net,
    long Tax,
    string Details,
    long Paid,
    string SplitType,
    DemoPaidSplit? Pays)
{
    public long Gross => Net + Tax;
}
