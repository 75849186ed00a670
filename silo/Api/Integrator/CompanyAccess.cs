using Ledgerlink.Companies;
using Ledgerlink.Silo.Api.Authentication;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// A tenant sees only its own companies: another tenant's company answers exactly like one that does not exist (404),
/// so ids cannot be probed across tenants.
/// </summary>
public static class CompanyAccess
{
    public static async Task<CompanyInfo?> FindOwnedAsync(IGrainFactory grains, ApiCaller caller, string companyId)
    {
        if (!IsPlausibleId(companyId))
        {
            return null;
        }

        var company = await grains.GetGrain<ICompanyGrain>(companyId).Get();
        return company is not null && company.TenantId == caller.TenantId ? company : null;
    }

    // Ids are GUIDs we issue; anything else cannot exist, and is not worth a grain activation.
    public static bool IsPlausibleId(string id) => Guid.TryParse(id, out _);
}
