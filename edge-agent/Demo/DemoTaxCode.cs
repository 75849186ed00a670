namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>A VAT code of the demo company; the rate in basis points keeps VAT sums exact (2000 = 20%).</summary>
internal sealed record DemoTaxCode(string Code, int Id, string Description, int RateBasisPoints)
{
    public double RatePercent => RateBasisPoints / 100.0;

    /// <summary>VAT on a net amount, rounded to the nearest penny (half up), as Sage rounds it.</summary>
    public long TaxOn(long netPennies) => ((netPennies * RateBasisPoints) + 5000) / 10000;
}
