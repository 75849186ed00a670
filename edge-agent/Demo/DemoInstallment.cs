namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// A receipt or payment planned when its invoice was posted: due once the ledger has grown to <see cref="DueAt"/>
/// splits. Planning payments up front is what lets an invoice be written once, already showing what will have been
/// paid by the end, instead of being updated by every later receipt.
/// </summary>
internal sealed class DemoInstallment(DemoAccount account, DemoOpenDocument document, long amount, long dueAt, long sequence)
{
    public DemoAccount Account { get; } = account;

    public DemoOpenDocument Document { get; } = document;

    public long Amount { get; } = amount;

    public long DueAt { get; } = dueAt;

    public long Sequence { get; } = sequence;

    public bool Emitted { get; set; }
}
