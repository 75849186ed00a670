namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// The SMB owner's one-line explanation of each <see cref="Sage50AccessProblem"/>, shared by every data source so
/// that the same situation reads the same whichever way the company was opened (SQLite demo file, or an ODBC driver).
/// </summary>
public static class Sage50AccessProblems
{
    public static Sage50AccessException DataDirectoryNotFound(string dataDirectory) =>
        new(Sage50AccessProblem.DataDirectoryNotFound,
            $"The folder {dataDirectory} does not exist. In Sage 50, open Help > About and copy the Data Directory shown there.");

    public static Sage50AccessException NoAccData(string dataDirectory) =>
        new(Sage50AccessProblem.NotSageData,
            $"{dataDirectory} is not a Sage 50 data folder: it has no {Sage50DataDirectory.AccDataFolderName} folder.");

    public static Sage50AccessException NoCompanyData(string dataDirectory) =>
        new(Sage50AccessProblem.NotSageData,
            $"{dataDirectory} is not a Sage 50 data folder: its {Sage50DataDirectory.AccDataFolderName} folder holds no company data.");

    public static Sage50AccessException Unrecognised(string dataDirectory, Exception? cause) =>
        new(Sage50AccessProblem.NotSageData,
            $"{dataDirectory} is not a Sage 50 data folder: its company data could not be recognised.", cause);

    /// <summary>Same words whether the user or the password is wrong, as Sage does: no hint which one exists.</summary>
    public static Sage50AccessException WrongCredentials(string dataDirectory, Exception? cause = null) =>
        new(Sage50AccessProblem.WrongCredentials,
            $"Sage 50 rejected the user name or password for the company at {dataDirectory}. Use the same login you use to open this company in Sage 50.",
            cause);

    public static Sage50AccessException Unreadable(string dataDirectory, Exception? cause) =>
        new(Sage50AccessProblem.Unreadable,
            $"The Sage 50 data in {dataDirectory} could not be read. Check that this Windows user can open the folder and that Sage 50 is not backing up, restoring or repairing the company, then try again.",
            cause);

    public static Sage50AccessException DriverMissing(string driver, Exception? cause) =>
        new(Sage50AccessProblem.DriverMissing,
            $"The ODBC driver \"{driver}\" is not installed on this PC. Install or repair the program that provides it (Sage 50 Accounts installs its own driver), then try again.",
            cause);

    public static Sage50AccessException VersionMismatch(string dataDirectory, string driver, Exception? cause) =>
        new(Sage50AccessProblem.UnsupportedVersion,
            $"The ODBC driver \"{driver}\" cannot read the Sage 50 data in {dataDirectory}: the data belongs to another Sage 50 version. Open the company once in this PC's Sage 50 (it offers to upgrade the data), or install the matching Sage 50 version, then try again.",
            cause);

    /// <summary>
    /// Finds the ACCDATA folder of what the owner typed (the company folder or ACCDATA itself), or throws the problem
    /// the driver would report: no such folder, or not Sage data.
    /// </summary>
    public static string FindAccData(string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory) || !Directory.Exists(dataDirectory))
        {
            throw DataDirectoryNotFound(dataDirectory);
        }

        string? accData;
        try
        {
            accData = Sage50DataDirectory.FindAccData(dataDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unreadable(dataDirectory, e);
        }

        return accData ?? throw NoAccData(dataDirectory);
    }
}
