namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// Where a Sage 50 company lives and how to log in to it, as the SMB owner types it into the agent:
/// the data directory from Sage's Help &gt; About (the company folder that holds ACCDATA, or ACCDATA itself),
/// a Sage user name and that user's password.
/// </summary>
public sealed record Sage50CompanyLocation(string DataDirectory, string UserName, string Password)
{
    // The password must never reach a log line, an exception message or a debugger's summary,
    // so the compiler-generated ToString (which would print every property) is replaced.
    public override string ToString() => $"Sage 50 company at {DataDirectory} (user {UserName}, password ***)";
}
