namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>The invoice (or bill) split a receipt (or payment) split is allocated to: an AUDIT_USAGE pair.</summary>
internal readonly record struct DemoPaidSplit(int TranNumber, string Type, string Reference);
