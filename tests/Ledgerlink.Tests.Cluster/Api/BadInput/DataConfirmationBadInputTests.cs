using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Bad requests to reset and restore (which now only ask the owner by email), to the confirmation status the integrator
/// polls, and to the owner's confirm page. The seeded companies have no owner email, so nothing can be emailed at all.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class DataConfirmationBadInputTests(ApiHostFixture host)
{
    private const string Confirm = "/owner/confirmations";

    [Theory]
    [InlineData("POST", "/companies/{unknown}/data/reset", 404, "Company {unknown} not found")]
    [InlineData("POST", "/companies/{unknown}/data/restore", 404, "Company {unknown} not found")]
    [InlineData("POST", "/companies/{companyB}/data/reset", 404, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyB}/data/restore", 404, "Company {companyB} not found")]
    [InlineData("POST", "/companies/not-a-company/data/reset", 404, "Company not-a-company not found")]
    [InlineData("POST", "/companies/{companyA}/data/reset", 409, "no owner email")]
    [InlineData("POST", "/companies/{companyA}/data/restore", 409, "no owner email")]
    [InlineData("POST", "/companies/{unconnectedA}/data/reset", 409, "no owner email")]
    [InlineData("POST", "/companies/{unconnectedA}/data/restore", 409, "no owner email")]
    [InlineData("POST", "/companies/{unknown}/ownerVerification", 404, "Company {unknown} not found")]
    [InlineData("POST", "/companies/{companyB}/ownerVerification", 404, "Company {companyB} not found")]
    [InlineData("POST", "/companies/{companyA}/ownerVerification", 409, "no owner email to verify")]
    public Task Reset_and_restore_that_cannot_be_asked_for_are_refused(string method, string path, int status, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, method, path, null, status, null, ApiCall.Resolve(host, text));

    /// <summary>The old body (the owner's email typed by the caller) no longer confirms anything: it is ignored.</summary>
    [Theory]
    [InlineData("{\"ownerEmail\": \"owner@example.com\"}", "application/json")]
    [InlineData("{\"ownerEmail\": 5}", "application/json")]
    [InlineData("not json", "text/plain")]
    [InlineData("", "application/json")]
    public Task A_body_with_the_owners_email_does_not_confirm_anything(string body, string contentType) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "POST", "/companies/{companyA}/data/reset", body, 409, null,
            "no owner email", contentType);

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("1234")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    [InlineData("00000000-0000-0000-0000-0000000000001")]
    [InlineData("%20")]
    [InlineData("reset")]
    public Task A_malformed_confirmation_id_is_400_naming_confirmationId(string confirmationId) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", $"/companies/{{companyA}}/data/confirmations/{confirmationId}", null,
            400, "confirmationId", "is not a confirmation id");

    [Fact]
    public Task A_confirmation_id_of_200_characters_is_400_naming_confirmationId() =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", $"/companies/{{companyA}}/data/confirmations/{new string('c', 200)}",
            null, 400, "confirmationId", "is not a confirmation id");

    [Theory]
    [InlineData("/companies/{companyA}/data/confirmations/{unknown}", "Confirmation {unknown} not found")]
    [InlineData("/companies/{companyB}/data/confirmations/{unknown}", "Company {companyB} not found")]
    [InlineData("/companies/{unknown}/data/confirmations/{unknown}", "Company {unknown} not found")]
    public Task Unknown_or_foreign_confirmations_are_404(string path, string text) =>
        ApiCall.AssertRefusedAsync(host, TestApiKeys.IntegratorA, "GET", path, null, 404, null, ApiCall.Resolve(host, text));

    [Theory]
    [InlineData(TestApiKeys.Support, "POST", "/companies/{companyA}/data/reset", 403)]
    [InlineData(TestApiKeys.Support, "POST", "/companies/{companyA}/data/restore", 403)]
    [InlineData(TestApiKeys.Support, "GET", "/companies/{companyA}/data/confirmations/{unknown}", 403)]
    [InlineData(TestApiKeys.Operator, "POST", "/companies/{companyA}/data/reset", 403)]
    [InlineData(TestApiKeys.Operator, "POST", "/companies/{companyA}/data/restore", 403)]
    [InlineData(TestApiKeys.Operator, "GET", "/companies/{companyA}/data/confirmations/{unknown}", 403)]
    [InlineData(null, "POST", "/companies/{companyA}/data/reset", 401)]
    [InlineData(null, "POST", "/companies/{companyA}/data/restore", 401)]
    [InlineData(null, "GET", "/companies/{companyA}/data/confirmations/{unknown}", 401)]
    [InlineData(TestApiKeys.Support, "POST", "/companies/{companyA}/ownerVerification", 403)]
    [InlineData(TestApiKeys.Operator, "POST", "/companies/{companyA}/ownerVerification", 403)]
    [InlineData(null, "POST", "/companies/{companyA}/ownerVerification", 401)]
    public Task Only_integrators_may_ask_or_poll(string? apiKey, string method, string path, int status) =>
        ApiCall.AssertRefusedAsync(host, apiKey, method, path, null, status, null, status == 401 ? "Unauthorized" : "role may not call");

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("{unknown}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("1234")]
    [InlineData("reset")]
    [InlineData("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("{unknown}x")]
    public Task Opening_an_unknown_confirm_link_is_404(string confirmationId) =>
        ApiCall.AssertRefusedAsync(host, null, "GET", $"{Confirm}/{confirmationId}", null, 404, null, "not valid");

    [Theory]
    [InlineData("{\"code\": \"x\", \"token\": \"y\"}", "application/json")]
    [InlineData("code=x&token=y", "text/plain")]
    [InlineData("<code>x</code>", "application/xml")]
    [InlineData("code=x&token=y", "application/octet-stream")]
    [InlineData("<form></form>", "text/html")]
    [InlineData("{}", "application/problem+json")]
    public Task Confirming_with_anything_but_a_form_is_415(string body, string contentType) =>
        ApiCall.AssertRefusedAsync(host, null, "POST", $"{Confirm}/{{unknown}}", body, 415, "Content-Type", "as a form", contentType);

    [Theory]
    [InlineData("code=7K3M-Q9XD-7K3M-Q9XD-7K3M-Q9XD-7K3M")]
    [InlineData("code=x&token=")]
    [InlineData("")]
    [InlineData("token")]
    [InlineData("code=&token=")]
    [InlineData("code=x&tok=y")]
    [InlineData("&&&")]
    public Task Confirming_without_the_pages_token_is_400_naming_token(string form) =>
        ApiCall.AssertRefusedAsync(host, null, "POST", $"{Confirm}/{{unknown}}", form, 400, "token", "missing",
            "application/x-www-form-urlencoded");

    [Theory]
    [InlineData("code=x&token=forged", null)]
    [InlineData("code=x&token=forged", "ledgerlink-confirm=other")]
    [InlineData("code=x&token=forged", "ledgerlink-confirm=")]
    [InlineData("code=x&token=forged", "other-cookie=forged")]
    [InlineData("code=x&token=forged", "ledgerlink-confirm=FORGED")]
    [InlineData("code=x&token=t1", "ledgerlink-confirm=t2")]
    [InlineData("code=x&token=t1", "ledgerlink-confirm=T1")]
    [InlineData("code=x&token=t1x", "ledgerlink-confirm=t1")]
    public async Task Confirming_with_a_token_that_is_not_the_browsers_is_403_naming_token(string form, string? cookie)
    {
        using var response = await PostFormAsync($"{Confirm}/{ApiCall.Unknown}", form, cookie);
        await ApiCall.AssertCodatErrorAsync(response, 403, "token", "does not match");
    }

    [Theory]
    [InlineData("token=t1")]
    [InlineData("token=t1&code=")]
    [InlineData("token=t1&code=%20%20")]
    [InlineData("token=t1&code=%09")]
    [InlineData("token=t1&other=x")]
    public async Task Confirming_without_a_code_is_400_naming_code(string form)
    {
        using var response = await PostFormAsync($"{Confirm}/{ApiCall.Unknown}", form, "ledgerlink-confirm=t1");
        await ApiCall.AssertCodatErrorAsync(response, 400, "code", "Enter the confirmation code");
    }

    [Theory]
    [InlineData("{unknown}")]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("1234")]
    [InlineData("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")]
    public async Task Confirming_an_unknown_confirmation_is_404(string confirmationId)
    {
        using var response = await PostFormAsync(
            $"{Confirm}/{ApiCall.Resolve(host, confirmationId)}", "token=t1&code=7K3M-Q9XD-7K3M-Q9XD-7K3M-Q9XD-7K3M", "ledgerlink-confirm=t1");
        await ApiCall.AssertCodatErrorAsync(response, 404, null, "not valid");
    }

    [Fact]
    public async Task A_form_over_4_KiB_is_413()
    {
        using var response = await PostFormAsync($"{Confirm}/{ApiCall.Unknown}", "token=t1&code=" + new string('x', 5000), "ledgerlink-confirm=t1");
        await ApiCall.AssertCodatErrorAsync(response, 413, "body", "larger than 4 KiB");
    }

    [Fact]
    public async Task A_browser_gets_the_refusal_as_a_page_with_the_same_status_and_no_framing()
    {
        using var http = host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Confirm}/{ApiCall.Unknown}", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This confirmation link is not valid.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, string form, string? cookie)
    {
        using var http = host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }
}
