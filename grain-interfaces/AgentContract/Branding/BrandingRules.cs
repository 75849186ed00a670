using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Branding;

/// <summary>
/// What branding is accepted, in one place: the API refuses a field that breaks a rule (naming it), the branding grain
/// refuses it again, and the agent checks again before it puts a colour into a style sheet or a logo into a page,
/// since each of those is an injection point if a value ever arrives unchecked.
/// </summary>
public static class BrandingRules
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxSupportContactLength = 200;

    /// <summary>Logos are small (a header image); 128 KiB keeps the base64 request inside the API's 256 KiB body limit.</summary>
    public const int MaxLogoBytes = 128 * 1024;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>Shown when a tenant has set no branding: no logo, no provider line, a muted slate colour.</summary>
    public const string NeutralColor = "#334155";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The image type from the file's first bytes, whatever it is called: PNG or JPEG only. SVG is refused because it
    /// can carry script, and sanitising it well is a project of its own.
    /// </summary>
    public static string? SniffImageType(ReadOnlySpan<byte> image) =>
        image.StartsWith(PngSignature) && image.Length > PngSignature.Length ? Png
        : image.Length > 3 && image[0] == 0xFF && image[1] == 0xD8 && image[2] == 0xFF ? Jpeg
        : null;

    /// <summary><c>#RRGGBB</c>, hex digits only: safe to place in CSS as it is.</summary>
    public static bool IsColor(string? value) =>
        value is { Length: 7 } && value[0] == '#' && value.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    /// <summary>Each broken rule as (field, message), in the API's field names; empty when the branding is acceptable.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(string? displayName, string? primaryColor, string? supportContact, byte[]? logo)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(displayName))
        {
            problems.Add(("displayName", "displayName is required."));
        }
        else if (displayName.Length > MaxDisplayNameLength || HasControlCharacters(displayName))
        {
            problems.Add(("displayName", $"displayName must be at most {MaxDisplayNameLength} characters, without control characters."));
        }

        if (!IsColor(primaryColor))
        {
            problems.Add(("primaryColor", "primaryColor must be a colour written #RRGGBB, for example #1D4ED8."));
        }

        if (supportContact is not null && (supportContact.Length > MaxSupportContactLength || HasControlCharacters(supportContact)))
        {
            problems.Add(("supportContact", $"supportContact must be at most {MaxSupportContactLength} characters, without control characters."));
        }

        if (logo is not null)
        {
            if (logo.Length > MaxLogoBytes)
            {
                problems.Add(("logo", $"logo is {logo.Length} bytes; the largest accepted is {MaxLogoBytes} bytes ({MaxLogoBytes / 1024} KiB)."));
            }
            else if (SniffImageType(logo) is null)
            {
                problems.Add(("logo", "logo must be a PNG or JPEG image (its content is checked, not its name); SVG and other types are refused."));
            }
        }

        return problems;
    }

    /// <summary>The content hash that changes with any field; agents compare it to decide whether to fetch again.</summary>
    public static string TagOf(string displayName, string primaryColor, string? supportContact, byte[]? logo)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in new[] { displayName, primaryColor.ToUpperInvariant(), supportContact ?? string.Empty })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }

        hash.AppendData(logo ?? []);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Black or white, whichever reads better on <paramref name="color"/> (WCAG relative luminance).</summary>
    public static string TextColorOn(string color)
    {
        if (!IsColor(color))
        {
            return "#ffffff";
        }

        double Channel(int start)
        {
            var c = int.Parse(color.AsSpan(start, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        return luminance > 0.179 ? "#000000" : "#ffffff";
    }

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);
}
