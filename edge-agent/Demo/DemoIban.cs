using System.Globalization;
using System.Numerics;
using System.Text;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// A UK IBAN for a demo bank account: GB, two check digits, the bank's four-letter code, the six-digit sort code and
/// the eight-digit account number, with check digits computed as ISO 13616 says (mod 97), so it validates.
/// </summary>
internal static class DemoIban
{
    public static string? For(string? bankCode, string? sortCode, string? accountNumber)
    {
        if (bankCode is null || sortCode is null || accountNumber is null)
        {
            return null;
        }

        var basic = bankCode + sortCode.Replace("-", "", StringComparison.Ordinal) + accountNumber;
        var check = 98 - Mod97(basic + "GB00");
        return string.Create(CultureInfo.InvariantCulture, $"GB{check:00}{basic}");
    }

    /// <summary>The remainder by 97 of the number formed by writing each letter as 10..35.</summary>
    private static int Mod97(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            digits.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        return (int)(BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97);
    }
}
