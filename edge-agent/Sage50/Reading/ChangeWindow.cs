namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// What changed since a committed version, as Sage marks it: rows modified at or after <see cref="Since"/> (the
/// newest RECORD_MODIFY_DATE when that version's watermark was taken; "at" because Sage keeps whole seconds), and
/// splits numbered after <see cref="AfterTranNumber"/>.
/// </summary>
public sealed record ChangeWindow(DateTime Since, long AfterTranNumber);
