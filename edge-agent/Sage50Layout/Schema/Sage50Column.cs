namespace Ledgerlink.EdgeAgent.Sage50.Schema;

/// <summary>One column of a Sage 50 table as the Sage 50 UK ODBC driver publishes it.</summary>
/// <param name="OdbcType">VARCHAR, INTEGER, DOUBLE, DATE, ...; empty for the RECORD_*_DATE timestamps, which Sage leaves untyped.</param>
public sealed record Sage50Column(string Table, string Name, string OdbcType, int Length, string Description);
