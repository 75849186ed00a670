namespace Ledgerlink.EdgeAgent.LocalUi.Endpoints;

/// <summary>Where Sage's COMPANY file is on this PC (resolved once at start), for the Link a company page's list.</summary>
internal sealed record SageCompanyFileLocation(string Path)
{
    public IReadOnlyList<string> Folders() => SageCompanyFile.Read(Path);
}
