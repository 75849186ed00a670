namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>An invoice or bill with payments still to come; receipts are allocated to its splits in order.</summary>
internal sealed class DemoOpenDocument(string type, string reference, int[] tranNumbers, long[] grossPennies)
{
    private int _split;
    private long _usedInSplit;

    public string Type { get; } = type;

    /// <summary>Takes up to <paramref name="pennies"/> from the next unpaid split: that split and the amount allocated to it.</summary>
    public (DemoPaidSplit Split, long Amount) Allocate(long pennies)
    {
        var amount = Math.Min(pennies, grossPennies[_split] - _usedInSplit);
        var paid = new DemoPaidSplit(tranNumbers[_split], Type, reference);
        _usedInSplit += amount;
        if (_usedInSplit == grossPennies[_split])
        {
            _split++;
            _usedInSplit = 0;
        }

        return (paid, amount);
    }
}
