using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.EdgeAgent.Logging;

/// <summary>
/// How the agent's logs name a company: the licence key (the company id) is what links a PC to the books, so a log
/// line carries only a short hash of it, enough to tell companies apart and for support to match a key it holds.
/// </summary>
public static class LicenceRef
{
    public static string Of(string? companyId) =>
        companyId is null ? "-" : "lic-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(companyId)))[..8];
}
