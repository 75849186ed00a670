namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>An invoice or bill with payments still to come; receipts are allocated to its splits in order.</summary>
internal sealed class DemoOpenDocument(string type, string reference, int[] tranNumbers, long[] grossPennies)
{
    private int split;
    private long usedInSplit;

    public string Type { get; } = type;

    /// <summary>Takes up to <paramref name="pennies"/> from the next unpaid split: that split and the amount allocated to it.</summary>
    public (DemoPaidSplit Split, long Amount) Allocate(long pennies)
    {
        var amount = Math.Min(pennies, grossPennies[split] - usedInSplit);
        var paid = new DemoPaidSplit(tranNumbers[split], Type, reference);
        usedInSplit += amount;
        if (usedInSplit == grossPennies[split])
        {
            split++;
            usedInSplit = 0;
        }

        return (paid, amount);
    }
}
