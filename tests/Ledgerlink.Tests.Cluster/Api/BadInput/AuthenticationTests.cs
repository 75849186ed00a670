using System.Net.Http.Headers;
using System.Text;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Api.BadInput;

/// <summary>
/// Who may call what: integrator routes need an integrator key (401 without a valid one, 403 for a support or operator
/// key, whose roles have their own routes); operator routes refuse integrator keys.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class AuthenticationTests(ApiHostFixture host)
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("Basic", "")]
    [InlineData("Bearer", "test-integrator-key-tenant-a")]
    [InlineData("Basic", "%%% not base64 %%%")]
    [InlineData("Basic", "Og==")] // ":" — an empty user name and password
    [InlineData("Basic", "dGhpcy1rZXktd2FzLW5ldmVyLWlzc3VlZA==")] // "this-key-was-never-issued"
    [InlineData("Basic", "dGVzdC1pbnRlZ3JhdG9yLWtleS10ZW5hbnQtYQo=")] // the right key with a trailing newline
    [InlineData("Digest", "username=\"test-integrator-key-tenant-a\"")]
    public async Task Missing_malformed_or_wrong_credentials_are_401(string? scheme, string? parameter)
    {
        using var http = host.Client(apiKey: null);
        if (scheme is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} {parameter}".Trim());
        }

        using var response = await http.GetAsync(new Uri("/companies", UriKind.Relative));
        await ApiCall.AssertCodatErrorAsync(response, 401, null, "Unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Raw_key_without_base64_is_401()
    {
        using var http = host.Client(apiKey: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", TestApiKeys.IntegratorA);
        using var response = await http.GetAsync(new Uri($"/companies/{host.CompanyA}", UriKind.Relative));
        await ApiCall.AssertCodatErrorAsync(response, 401, null, "Unauthorized");
    }

    [Fact]
    public async Task Browser_style_key_and_empty_password_is_accepted()
    {
        using var http = host.Client(apiKey: null);
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestApiKeys.IntegratorA + ":")));
        var company = await http.GetJsonAsync($"/companies/{host.CompanyA}");
        Assert.Equal(host.CompanyA, company["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestApiKeys.Support, "GET", "/companies")]
    [InlineData(TestApiKeys.Support, "POST", "/companies/{companyA}/data/queue/customers")]
    [InlineData(TestApiKeys.Operator, "GET", "/companies/{companyA}")]
    [InlineData(TestApiKeys.Operator, "GET", "/webhooks")]
    [InlineData(TestApiKeys.Support, "POST", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    [InlineData(TestApiKeys.Operator, "POST", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    [InlineData(TestApiKeys.IntegratorA, "GET", "/operator/silos")]
    public Task A_key_of_another_role_is_403(string apiKey, string method, string path) =>
        ApiCall.AssertRefusedAsync(host, apiKey, method, path, null, 403, null, "role may not call this endpoint");

    [Theory]
    [InlineData("GET", "/companies")]
    [InlineData("POST", "/companies/{companyA}/data/queue/customers")]
    [InlineData("POST", "/companies/{companyA}/connections/{connectionA}/linkCode")]
    [InlineData("GET", "/operator/silos")]
    public Task Anonymous_calls_are_401(string method, string path) =>
        ApiCall.AssertRefusedAsync(host, null, method, path, null, 401, null, "Unauthorized");
}
