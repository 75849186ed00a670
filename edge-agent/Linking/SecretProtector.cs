using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>
/// Protects the Sage password at rest. On Windows it is encrypted with DPAPI for the current user ("dpapi:" prefix).
/// Elsewhere there is no per-user key store the runtime can use, so it is kept as is ("file:" prefix) and the protection
/// is the file's mode: companies.json is 0600 in a 0700 folder, readable by this user (and root) only.
/// </summary>
public static class SecretProtector
{
    private const string DpapiPrefix = "dpapi:";
    private const string FilePrefix = "file:";
    private static readonly byte[] Entropy = "Ledgerlink.EdgeAgent.Sage50Password"u8.ToArray();

    public static string Protect(string secret)
    {
        if (OperatingSystem.IsWindows())
        {
            var encrypted = ProtectedData.Protect(Encoding.UTF8.GetBytes(secret), Entropy, DataProtectionScope.CurrentUser);
            return DpapiPrefix + Convert.ToBase64String(encrypted);
        }

        return FilePrefix + secret;
    }

    public static string Unprotect(string stored)
    {
        if (stored.StartsWith(DpapiPrefix, StringComparison.Ordinal))
        {
            if (!OperatingSystem.IsWindows())
            {
                throw new InvalidOperationException("This Sage password was protected with Windows DPAPI; link the company again on this machine.");
            }

            var decrypted = ProtectedData.Unprotect(Convert.FromBase64String(stored[DpapiPrefix.Length..]), Entropy, DataProtectionScope.CurrentUser);
            return Encoding.UTF8.GetString(decrypted);
        }

        return stored.StartsWith(FilePrefix, StringComparison.Ordinal) ? stored[FilePrefix.Length..] : stored;
    }
}
