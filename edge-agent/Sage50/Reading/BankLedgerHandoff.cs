namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Hands a <see cref="BankLedger"/> from one read to the next: <see cref="Previous"/> is the ledger the committed
/// version's read left (null when this PC has none for it), and the reader gives the ledger of this read to
/// <paramref name="keep"/> once it has read every posting it needs, saying whether it built on the previous one.
/// </summary>
public sealed class BankLedgerHandoff(BankLedger? previous, Action<BankLedger, bool> keep)
{
    public BankLedger? Previous { get; } = previous;

    /// <summary>Whether this read built on <see cref="Previous"/> instead of reading every posting.</summary>
    public bool BuiltOnPrevious { get; private set; }

    public void Keep(BankLedger ledger, bool builtOnPrevious)
    {
        BuiltOnPrevious = builtOnPrevious;
        keep(ledger, builtOnPrevious);
    }

    /// <summary>For reads no later delta builds on.</summary>
    public static BankLedgerHandoff None() => new(null, (_, _) => { });
}
