namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>A DSN-less ODBC connection to one company, and why this driver was chosen (said in the agent's log).</summary>
/// <param name="Driver">The driver's name as registered with the ODBC driver manager, e.g. <c>Sage Line 50 v30</c>.</param>
/// <param name="ConnectionString">Holds the password for the Sage driver: never logged, never shown.</param>
/// <param name="Reason">Why this driver, in a few words, e.g. "matches the data's version 30".</param>
public sealed record Sage50OdbcTarget(string Driver, string ConnectionString, string Reason)
{
    // The compiler-generated ToString would print the connection string, password included.
    public override string ToString() => $"ODBC driver {Driver} ({Reason})";
}
