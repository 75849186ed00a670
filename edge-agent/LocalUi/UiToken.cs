using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ledgerlink.EdgeAgent.LocalFiles;
using Microsoft.AspNetCore.Http;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The UI's per-install token: 256 random bits made at first start and kept in the agent's private data folder
/// (<c>ui-token</c>, 0600). Pages set it as a strict same-site cookie and put it in every form; a state-changing request
/// must carry both, equal to it (compared in constant time), or it is refused 403. A page on another site can neither
/// read the cookie nor the form, so it cannot forge a press of Restart, Pause, Sync now, Link or Reset.
/// </summary>
public sealed partial class UiToken
{
    public const string CookieName = "ledgerlink-ui-token";
    public const string FieldName = "__ui_token";
    public const string FileName = "ui-token";

    private readonly byte[] _value;

    private UiToken(string value)
    {
        Value = value;
        _value = Encoding.ASCII.GetBytes(value);
    }

    public string Value { get; }

    /// <summary>The install's token, made (and stored privately) when there is none yet.</summary>
    public static UiToken LoadOrCreate(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        var stored = PrivateFile.ReadOrNull(path)?.Trim();
        if (stored is { Length: >= 43 } && TokenShape().IsMatch(stored))
        {
            return new UiToken(stored);
        }

        var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        PrivateFile.Write(path, created);
        return new UiToken(created);
    }

    public bool Matches(string? candidate) =>
        candidate is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), _value);

    /// <summary>True when the request carries the token in its cookie and in its form; reads the form (it stays cached).</summary>
    public async Task<bool> IsPresentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Matches(request.Cookies[CookieName]) || !request.HasFormContentType)
        {
            return false;
        }

        var form = await request.ReadFormAsync(cancellationToken);
        return Matches(form[FieldName].ToString());
    }

    /// <summary>Sets the cookie on a page's response.</summary>
    public void SetCookie(HttpResponse response) => response.Cookies.Append(CookieName, Value, new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    });

    /// <summary>
    /// Puts the hidden token field into every form of a page. Done once here, on the finished page, so no form (including
    /// those added later) can be left without it.
    /// </summary>
    public string AddToForms(string html) =>
        FormOpening().Replace(html, match => $"{match.Value}<input type=\"hidden\" name=\"{FieldName}\" value=\"{Value}\">");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormOpening();
}
