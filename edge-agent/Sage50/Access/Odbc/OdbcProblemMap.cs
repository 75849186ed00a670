using System.Data.Odbc;

namespace Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

/// <summary>
/// Turns what an ODBC driver manager or driver reports into the same <see cref="Sage50AccessProblem"/> and one-line
/// message the SQLite source gives. The driver manager's SQLSTATEs are standard (IM002/IM003: no such driver or it
/// cannot be loaded; 28000: invalid authorisation); drivers word the rest themselves, so Sage's and SQLite's words
/// for a locked file, a login refused and a version mismatch are recognised by their text.
/// </summary>
/// <remarks>
/// Sage's own wording is known here only from its documentation and support notes, not from a driver run on this
/// machine: the words below are the ones those name ("in use", "locked", "exclusive", "password", "version").
/// Anything not recognised is reported as unreadable, with the driver's words kept in the inner exception (logged,
/// never shown to the owner).
/// </remarks>
public static class OdbcProblemMap
{
    public static Sage50AccessException Map(OdbcException error, string dataDirectory, string driver)
    {
        var states = error.Errors.Cast<OdbcError>().Select(e => e.SQLState ?? "").ToList();
        var text = string.Join(' ', error.Errors.Cast<OdbcError>().Select(e => e.Message)).ToUpperInvariant();
        // unixODBC reports a driver it cannot find as 01000 "Can't open lib '<name>' : file not found".
        if (states.Any(s => s is "IM002" or "IM003") || ContainsAny(text, "CAN'T OPEN LIB", "DATA SOURCE NAME NOT FOUND"))
        {
            return Sage50AccessProblems.DriverMissing(driver, error);
        }

        if (states.Contains("28000") || ContainsAny(text, "PASSWORD", "USER NAME", "USERNAME", "LOGON", "LOGIN"))
        {
            return Sage50AccessProblems.WrongCredentials(dataDirectory, error);
        }

        if (ContainsAny(text, "LOCKED", "IN USE", "BUSY", "EXCLUSIVE", "SHARING VIOLATION"))
        {
            return Sage50AccessProblems.Unreadable(dataDirectory, error);
        }

        if (ContainsAny(text, "VERSION"))
        {
            return Sage50AccessProblems.VersionMismatch(dataDirectory, driver, error);
        }

        if (ContainsAny(text, "NOT A DATABASE", "NO SUCH TABLE", "ENCRYPTED", "MALFORMED"))
        {
            return Sage50AccessProblems.Unrecognised(dataDirectory, error);
        }

        return Sage50AccessProblems.Unreadable(dataDirectory, error);
    }

    private static bool ContainsAny(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
