namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>The local web UI's settings (section <c>Ledgerlink:Agent:Ui</c>).</summary>
public sealed class LocalUiOptions
{
    public const string Section = "Ledgerlink:Agent:Ui";

    public bool Enabled { get; set; } = true;

    /// <summary>The port on 127.0.0.1 the UI listens on (never on another interface).</summary>
    public int Port { get; set; } = 5180;

    /// <summary>
    /// Sage 50's <c>COMPANY</c> settings file, which lists the company data folders on this machine. Defaults to
    /// <c>%ProgramData%\Sage\Accounts\COMPANY</c> on Windows and <c>&lt;data folder&gt;/sage/COMPANY</c> elsewhere.
    /// </summary>
    public string? SageCompanyFile { get; set; }

    /// <summary>Generate the bundled demo company under the data folder and list it in the COMPANY file (demo installs).</summary>
    public bool BundledDemo { get; set; }

    public string ResolveSageCompanyFile(string dataFolder) => Path.GetFullPath(
        !string.IsNullOrWhiteSpace(SageCompanyFile) ? SageCompanyFile
        : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Sage", "Accounts", "COMPANY")
        : Path.Combine(dataFolder, "sage", "COMPANY"));
}
