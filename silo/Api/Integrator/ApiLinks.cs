namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>Absolute URLs to this API, on the configured public base URL or, failing that, the request's own address.</summary>
public sealed class ApiLinks(ApiOptions options, IHttpContextAccessor http)
{
    public string Absolute(string path)
    {
        var request = http.HttpContext?.Request;
        var root = options.PublicBaseUrl?.ToString().TrimEnd('/')
                   ?? (request is null ? "http://127.0.0.1:5080" : $"{request.Scheme}://{request.Host}{request.PathBase}");
        return root + path;
    }

    /// <summary>Codat's company <c>redirect</c>: where the SMB starts linking.</summary>
    public string CompanyLink(string companyId) => Absolute($"/link/{Uri.EscapeDataString(companyId)}");

    /// <summary>Codat's connection <c>linkUrl</c>: the agent download and licence key page for this company.</summary>
    public string ConnectionLink(string companyId, string connectionId) =>
        Absolute($"/link/{Uri.EscapeDataString(companyId)}/connections/{Uri.EscapeDataString(connectionId)}/start");

    /// <summary>
    /// The <c>linkUrl</c> with a new link code in its fragment (<c>#code=…</c>): the page shows it, and a fragment never
    /// reaches a server, so the code is in no request log.
    /// </summary>
    public string ConnectionLink(string companyId, string connectionId, string linkCode) =>
        ConnectionLink(companyId, connectionId) + "#code=" + Uri.EscapeDataString(linkCode);
}
