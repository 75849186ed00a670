namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// The accounts whose name (or existence) changed since a committed version, by where the audit trail names them:
/// customers and suppliers (<see cref="Counterparties"/>) only in AUDIT_HEADER.ACCOUNT_REF, nominal and bank accounts
/// (<see cref="Nominal"/>) in AUDIT_HEADER.BANK_CODE, AUDIT_SPLIT.NOMINAL_CODE and AUDIT_JOURNAL.NOMINAL_CODE. Each kind is
/// looked for only where it can appear: a removed customer costs one scan of the headers, not four of the audit trail.
/// </summary>
public sealed record RenamedAccounts(IReadOnlyList<string> Counterparties, IReadOnlyList<string> Nominal)
{
    public static readonly RenamedAccounts None = new([], []);

    public bool IsEmpty => Counterparties.Count == 0 && Nominal.Count == 0;

    /// <summary>One line naming every account, for keying what was found for them.</summary>
    public override string ToString() => "S/P:" + string.Join(',', Counterparties) + ";N:" + string.Join(',', Nominal);
}
