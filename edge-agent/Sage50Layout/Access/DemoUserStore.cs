using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>
/// The fake's stand-in for Sage's user store. Sage keeps its users (and checks the password) inside the
/// ODBC driver, which rejects a bad UID/PWD when connecting; that store is not exposed as an ODBC table.
/// The SQLite demo company therefore carries its own table, LEDGERLINK_USERS, with a salted PBKDF2 hash,
/// so the fake rejects wrong credentials exactly where the real driver would: when the company is opened.
/// </summary>
public static class DemoUserStore
{
    public const string TableName = "LEDGERLINK_USERS";

    public const string CreateTableSql =
        "CREATE TABLE LEDGERLINK_USERS (USER_NAME VARCHAR(32) PRIMARY KEY, SALT BLOB NOT NULL, PASSWORD_HASH BLOB NOT NULL, ITERATIONS INTEGER NOT NULL)";

    private const int Iterations = 20_000;
    private const int HashBytes = 32;

    public static (byte[] Salt, byte[] Hash, int Iterations) HashPassword(string password, byte[] salt) =>
        (salt, Hash(password, salt, Iterations), Iterations);

    public static bool Verify(string password, byte[] salt, byte[] expectedHash, int iterations) =>
        CryptographicOperations.FixedTimeEquals(Hash(password, salt, iterations), expectedHash);

    /// <summary>Sage user names are not case-sensitive (MANAGER, manager); they are stored upper-case.</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToUpperInvariant();

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
