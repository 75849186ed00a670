using System.Reflection;
using Ledgerlink.Releases;
using Ledgerlink.Silo.Hosting;
using Ledgerlink.Silo.Releases;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// The one-line install command the link page shows for the visitor's platform, and what it downloads from this silo
/// beside the release file: the install script (deploy/install, embedded in the silo), the CA certificate the agent
/// pins (the one the silos' certificates chain to, <c>Ledgerlink:Tls:CaCertificatePath</c>) and the release public key
/// updates are checked with (<c>Ledgerlink:Releases:PublicKey</c>). The link code is not known here (it travels in the
/// URL fragment), so the page adds the licence key and link code arguments in the browser (<see cref="LinkArguments"/>).
/// </summary>
public sealed class InstallCommands(ApiOptions api, LedgerlinkSiloOptions silo, ReleaseStore releases)
{
    public const string LinuxScript = "install-agent.sh";

    public const string WindowsScript = "install-agent.ps1";

    public const string CaCertificate = "ca.crt";

    public const string ReleaseKey = "release-public.pem";

    /// <summary>The placeholder the page's script replaces with the link code from the URL fragment.</summary>
    public const string CodePlaceholder = "{code}";

    public static bool IsWindows(string userAgent) => userAgent.Contains("Windows", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The command without the link arguments: an administrator prompt on Windows (PowerShell), root on Linux (bash);
    /// every value is a URL of this silo or a setting, single-quoted (none holds a quote: ids and host names).
    /// </summary>
    public string Command(HttpRequest request, string companyId, ReleaseInfo release, ReleaseFile file)
    {
        var root = $"{Root(request)}/link/{Uri.EscapeDataString(companyId)}";
        var package = $"{root}/download/{Uri.EscapeDataString(release.Version)}/{Uri.EscapeDataString(file.Name)}";
        var windows = file.Name.StartsWith("win-", StringComparison.Ordinal);
        var options = new List<(string Linux, string Windows, string Value)> { ("--package", "-Package", package) };
        options.AddRange(Gateways(request).Select(g => ("--gateway", "-Gateway", g)));
        options.Add(("--cluster-id", "-ClusterId", silo.ClusterId));
        options.Add(("--service-id", "-ServiceId", silo.ServiceId));
        if (CaCertificatePem() is not null)
        {
            options.Add(("--ca-cert", "-CaCert", $"{root}/install/{CaCertificate}"));
        }

        if (releases.Options.ResolvePublicKey() is not null)
        {
            options.Add(("--release-key", "-ReleaseKey", $"{root}/install/{ReleaseKey}"));
        }

        if (windows)
        {
            // Downloaded, then run with -ExecutionPolicy Bypass: Windows' default policy refuses any script file.
            var arguments = string.Join(' ', JoinGateways(options.Select(o => (o.Windows, o.Value))));
            return $"irm '{root}/install/{WindowsScript}' -OutFile \"$env:TEMP\\{WindowsScript}\"; " +
                   $"powershell -NoProfile -ExecutionPolicy Bypass -File \"$env:TEMP\\{WindowsScript}\" {arguments}";
        }

        return $"curl -fsSL '{root}/install/{LinuxScript}' | sudo bash -s -- " + string.Join(' ', options.Select(o => $"{o.Linux} '{o.Value}'"));
    }

    /// <summary>What the page appends once it has read the link code from the fragment.</summary>
    public static string LinkArguments(string companyId, bool windows) => windows
        ? $" -LicenceKey '{companyId}' -LinkCode '{CodePlaceholder}'"
        : $" --licence-key '{companyId}' --link-code '{CodePlaceholder}'";

    /// <summary>The embedded install script, byte for byte as in deploy/install.</summary>
    public static byte[]? Script(string name)
    {
        if (name is not (LinuxScript or WindowsScript))
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ledgerlink.Silo.Install." + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The CA certificate(s) agents pin; null when the silos' certificates are publicly issued (no CA configured).</summary>
    public string? CaCertificatePem() =>
        silo.Tls.Enabled && !string.IsNullOrWhiteSpace(silo.Tls.CaCertificatePath) && File.Exists(silo.Tls.CaCertificatePath)
            ? File.ReadAllText(silo.Tls.CaCertificatePath)
            : null;

    public string? ReleaseKeyPem() => releases.Options.ResolvePublicKey();

    /// <summary>
    /// The gateways agents dial: <c>Ledgerlink:Api:AgentGateways</c>, else the host this page was reached at with the
    /// gateway port (one silo, or a load balancer in front of the gateways).
    /// </summary>
    private IEnumerable<string> Gateways(HttpRequest request) =>
        api.AgentGateways.Count > 0 ? api.AgentGateways : [$"{request.Host.Host}:{silo.Clustering.GatewayPort}"];

    private string Root(HttpRequest request) =>
        api.PublicBaseUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>
    /// A parameter is named once on the PowerShell command line, so several gateways travel as one comma-separated
    /// value (<c>-Gateway 'a:1,b:1'</c>), which the script splits: an array does not survive <c>powershell -File</c>.
    /// </summary>
    private static IEnumerable<string> JoinGateways(IEnumerable<(string Name, string Value)> options) =>
        options.GroupBy(o => o.Name).Select(g => $"{g.Key} '{string.Join(',', g.Select(o => o.Value))}'");
}
