using System.Reflection;
using Ledgerlink.Branding;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The UI's one style sheet (<c>LocalUi/Assets/agent.css</c>, embedded in the agent), served at <c>/ui.css</c> with the
/// tenant's colour in front as <c>--brand</c> and a readable text colour on it as <c>--on-brand</c>. A style sheet
/// rather than inline styles: the pages' content security policy allows style only from this UI (no inline style).
/// </summary>
public static class Stylesheet
{
    public const string Path = "/ui.css";

    private static readonly string Rules = Load();

    /// <summary>The colour is checked again here, whatever the cache held, because it is written into CSS.</summary>
    public static string For(TenantBranding? branding)
    {
        var color = branding is not null && BrandingRules.IsColor(branding.PrimaryColor) ? branding.PrimaryColor : BrandingRules.NeutralColor;
        return $":root{{--brand:{color};--on-brand:{BrandingRules.TextColorOn(color)}}}\n{Rules}";
    }

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Ledgerlink.EdgeAgent.LocalUi.agent.css")
                           ?? throw new InvalidOperationException("The agent's style sheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
