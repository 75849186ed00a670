using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>
/// One Sage 50 company this agent serves: where its data is and how to log in. <see cref="ProtectedPassword"/> is the
/// Sage password as <see cref="SecretProtector"/> stored it; it never leaves this machine.
/// </summary>
public sealed record LinkedCompany(
    string CompanyId,
    string DataDirectory,
    string UserName,
    string ProtectedPassword,
    string? SageCompanyName,
    DateTimeOffset LinkedAt)
{
    public Sage50CompanyLocation Location => new(DataDirectory, UserName, SecretProtector.Unprotect(ProtectedPassword));

    public override string ToString() => $"LinkedCompany {{ CompanyId = {CompanyId}, DataDirectory = {DataDirectory}, UserName = {UserName} }}";
}

/// <summary>The content of <c>companies.json</c>.</summary>
public sealed record LinkedCompanies(IReadOnlyList<LinkedCompany> Companies);
