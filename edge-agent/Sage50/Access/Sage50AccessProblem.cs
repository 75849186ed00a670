namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>Why a Sage 50 company could not be opened or read; the agent's link page chooses its advice from it.</summary>
public enum Sage50AccessProblem
{
    DataDirectoryNotFound,
    NotSageData,
    WrongCredentials,
    Unreadable,

    /// <summary>The company opened, but a table or column Ledgerlink needs is missing (a Sage version older than v23).</summary>
    UnsupportedVersion,

    /// <summary>The ODBC driver the agent was told or chose to use is not installed (ODBC data source only).</summary>
    DriverMissing,
}
