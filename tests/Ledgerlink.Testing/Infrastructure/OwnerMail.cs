using System.Net;
using System.Text.RegularExpressions;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Testing.Polling;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// The owner's side of a confirmation email, as a person does it: find the email in maildev, open its link (a GET that
/// must not act), and press Confirm on that page (a POST with the code and the page's anti-forgery token and cookie).
/// </summary>
public static partial class OwnerMail
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"(https?://\S+/owner/confirmations/([0-9a-f-]{36})\?code=\S+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"Your confirmation code: (\S+)")]
    private static partial Regex CodePattern();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static Uri Link(ReceivedEmail email) =>
        new(LinkPattern().Match(email.Text ?? string.Empty) is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"No confirmation link in: {email.Text}"));

    public static string ConfirmationId(ReceivedEmail email) => LinkPattern().Match(email.Text ?? string.Empty).Groups[2].Value;

    public static string Code(ReceivedEmail email) =>
        CodePattern().Match(email.Text ?? string.Empty) is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"No confirmation code in: {email.Text}");

    /// <summary>Waits for the email whose link is for <paramref name="confirmationId"/>.</summary>
    public static async Task<ReceivedEmail> WaitForConfirmationAsync(MailDevServer mail, string owner, string confirmationId)
    {
        var emails = await Eventually.ValueAsync(
            () => mail.EmailsToAsync(owner, CancellationToken.None), all => all.Any(IsFor), Patience, $"the email for confirmation {confirmationId}");
        return emails.First(IsFor);

        bool IsFor(ReceivedEmail email) => email.Text?.Contains(confirmationId, StringComparison.Ordinal) == true;
    }

    /// <summary>Waits for the <paramref name="nth"/> (1-based) email to <paramref name="owner"/> whose subject contains <paramref name="subject"/>.</summary>
    public static async Task<ReceivedEmail> WaitForEmailAsync(MailDevServer mail, string owner, string subject, int nth = 1)
    {
        var emails = await Eventually.ValueAsync(
            async () => (await mail.EmailsToAsync(owner, CancellationToken.None)).Where(e => e.Subject?.Contains(subject, StringComparison.Ordinal) == true).ToList(),
            matching => matching.Count >= nth, Patience, $"email {nth} about '{subject}'");
        return emails[nth - 1];
    }

    /// <summary>Opens the page as a browser would (GET), then presses Confirm with <paramref name="code"/> (default: the link's).</summary>
    public static async Task<(HttpStatusCode Status, string Body)> ConfirmAsync(Uri link, string? code = null)
    {
        using var page = await ConfirmPage.OpenAsync(link);
        return await page.PressConfirmAsync(code);
    }

    /// <summary>The confirm page open in one browser tab (its cookie jar and the form's token), to press Confirm later.</summary>
    public sealed class ConfirmPage : IDisposable
    {
        private readonly HttpClient _browser;
        private readonly Uri _link;
        private readonly string _token;

        private ConfirmPage(HttpClient browser, Uri link, string token)
        {
            _browser = browser;
            _link = link;
            _token = token;
        }

        public static async Task<ConfirmPage> OpenAsync(Uri link)
        {
            var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                Timeout = Patience,
            };
            var page = await OwnerMail.OpenAsync(browser, link);
            var token = TokenPattern().Match(page) is { Success: true } match
                ? match.Groups[1].Value
                : throw new Xunit.Sdk.XunitException($"No Confirm form on the page: {page}");
            return new ConfirmPage(browser, link, token);
        }

        public async Task<(HttpStatusCode Status, string Body)> PressConfirmAsync(string? code = null)
        {
            code ??= Uri.UnescapeDataString(_link.Query.Split("code=")[1]);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code, ["token"] = _token });
            using var posted = await _browser.PostAsync(new Uri(_link.GetLeftPart(UriPartial.Path)), form);
            return (posted.StatusCode, await posted.Content.ReadAsStringAsync());
        }

        public void Dispose() => _browser.Dispose();
    }

    /// <summary>What a mail scanner does: GET the link, nothing more. Returns the page.</summary>
    public static async Task<string> OpenAsync(HttpClient browser, Uri link)
    {
        using var response = await browser.GetAsync(link);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {link.AbsolutePath} answered {(int)response.StatusCode}: {page}");
        return page;
    }

    /// <summary>The owner confirms the verification email sent to <paramref name="owner"/> (the <paramref name="nth"/> one).</summary>
    public static async Task VerifyOwnerAsync(MailDevServer mail, string owner, int nth = 1)
    {
        var email = await WaitForEmailAsync(mail, owner, "Confirm you are the owner", nth);
        var (status, body) = await ConfirmAsync(Link(email));
        Assert.True(status == HttpStatusCode.OK, $"verifying {owner}: {(int)status} {body}");
    }
}
