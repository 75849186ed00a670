using System.Net;
using System.Text.RegularExpressions;
using Ledgerlink.EdgeAgent.LocalUi;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.AgentUi;

/// <summary>
/// The agent UI's per-install token and headers, as a local process that never loaded a page would try it: every
/// state-changing request without the token in both cookie and form is refused 403 and changes nothing; with both it works.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class UiTokenTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Posts_without_the_install_token_are_refused_and_change_nothing_while_pages_carry_the_headers_and_token()
    {
        await using var ui = await AgentUiTestBed.StartAsync(azurite.ConnectionString);
        var (location, _) = BundledDemoCompany.Ensure(ui.Bed.NewFolder("sage"));
        var companyId = await ui.Bed.CreateCompanyAsync("Token Ltd");
        var link = await ui.Agent.LinkAsync(companyId, ui.Bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, link.StandardError);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = ui.Ui };

        // Pages: anti-framing and the rest of the header set, the cookie, and the token in every form.
        using var page = await http.GetAsync(new Uri("/companies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(UiToken.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var token = cookie[(UiToken.CookieName.Length + 1)..cookie.IndexOf(';', StringComparison.Ordinal)];
        var html = await page.Content.ReadAsStringAsync();
        var forms = FormTag().Matches(html).Count;
        Assert.True(forms >= 2, html);
        Assert.Equal(forms, TokenField().Matches(html).Count(m => m.Groups[1].Value == token));

        // The token is the install's, kept privately in the data folder.
        var tokenFile = Path.Combine(ui.Agent.DataFolder, UiToken.FileName);
        Assert.Equal(token, (await File.ReadAllTextAsync(tokenFile)).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }

        // Headers on other answers too.
        using var about = await http.GetAsync(new Uri("/api/status", UriKind.Relative));
        Assert.Equal("DENY", Assert.Single(about.Headers.GetValues("X-Frame-Options")));

        var wrong = new string(token.Reverse().ToArray()) == token ? token[1..] + "A" : new string(token.Reverse().ToArray());
        var pause = $"/companies/{companyId}/pause";
        var attacks = new (string Path, string? Cookie, string? Field, string Why)[]
        {
            (pause, null, null, "no token at all"),
            (pause, null, token, "the form field without the cookie"),
            (pause, token, null, "the cookie without the form field"),
            (pause, wrong, wrong, "a made-up token in both"),
            (pause, token, wrong, "the cookie with a wrong form field"),
            (pause, wrong, token, "a wrong cookie with the right form field"),
            (pause, token, token[..^1], "a truncated form field"),
            (pause, token, string.Empty, "an empty form field"),
            ($"/companies/{companyId}/sync", null, null, "Sync now without a token"),
            ($"/companies/{companyId}/resume", wrong, wrong, "Resume with a wrong token"),
            ("/restart", null, null, "Restart without a token"),
            ($"/manage/{companyId}", null, null, "Reset without a token"),
            ("/link/check", null, null, "Link without a token"),
            ("/link/confirm", wrong, wrong, "Confirm with a wrong token"),
        };
        foreach (var (path, cookieValue, field, why) in attacks)
        {
            using var response = await PostAsync(http, path, cookieValue, field, ("action", "reset"));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {path} answered {(int)response.StatusCode}");
        }

        // The right token as JSON instead of a form is refused too: only the page's own forms carry it.
        using (var json = new HttpRequestMessage(HttpMethod.Post, pause))
        {
            json.Headers.Add("Cookie", $"{UiToken.CookieName}={token}");
            json.Content = new StringContent($"{{\"{UiToken.FieldName}\":\"{token}\"}}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(json);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var status = await ui.StatusAsync();
        Assert.DoesNotContain(status["pausedCompanyIds"]!.AsArray(), c => c!.GetValue<string>() == companyId);
        Assert.Equal("Online", status["connection"]!.GetValue<string>());

        // With the token in both places the same request works: the refusals above were the token's doing.
        using (var allowed = await PostAsync(http, pause, token, token))
        {
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
            Assert.StartsWith("/companies?info=", allowed.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await Eventually.ValueAsync(ui.StatusAsync, s => s["pausedCompanyIds"]!.AsArray().Any(c => c!.GetValue<string>() == companyId),
            AgentTestBed.Patience, "the company paused after the tokened request");
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient http, string path, string? cookie, string? field, params (string Name, string Value)[] extra)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{UiToken.CookieName}={cookie}");
        }

        var form = extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)).ToList();
        if (field is not null)
        {
            form.Add(new(UiToken.FieldName, field));
        }

        request.Content = new FormUrlEncodedContent(form);
        return await http.SendAsync(request);
    }

    [GeneratedRegex("<form\\b", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"__ui_token\" value=\"([^\"]*)\">")]
    private static partial Regex TokenField();
}
