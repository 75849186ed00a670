using System.Net;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>Companies created as an integrator does, over the HTTP API.</summary>
public static class IntegratorCompanies
{
    public static async Task<string> CreateAsync(HttpClient http, string name)
    {
        using var created = await http.PostJsonAsync("/companies", new { name, ownerEmail = "owner@example.co.uk" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await created.JsonAsync())["id"]!.GetValue<string>();
    }
}
