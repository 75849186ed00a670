using System.Net;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// The integrator's side of linking over HTTP: a company's Sage 50 connection with a new one-time link code, which the
/// test then hands to an agent as an SMB user would type it from the link page.
/// </summary>
public static class IntegratorLinkCode
{
    /// <summary><c>POST /companies/{id}/connections</c> (creating the connection, or returning the live one) with a new link code.</summary>
    public static async Task<string> NewAsync(HttpClient integrator, string companyId)
    {
        using var response = await integrator.PostJsonAsync($"/companies/{companyId}/connections", new { platformKey = "hbql" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync())["linkCode"]!.GetValue<string>();
    }
}
