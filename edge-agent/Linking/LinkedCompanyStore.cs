using System.Text.Json;
using Ledgerlink.EdgeAgent.LocalFiles;

namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>
/// The companies this agent serves, in <c>companies.json</c> in the data folder (readable only by the user). Read on
/// every pull, so a company linked by <c>ledgerlink-agent link</c> while the agent runs is served at once.
/// </summary>
public sealed class LinkedCompanyStore(string dataFolder)
{
    private static readonly Lock Gate = new();

    public string FilePath { get; } = Path.Combine(dataFolder, "companies.json");

    public IReadOnlyList<LinkedCompany> All()
    {
        lock (Gate)
        {
            return Read();
        }
    }

    public LinkedCompany? Find(string companyId) => All().FirstOrDefault(c => c.CompanyId == companyId);

    /// <summary>Adds or replaces the company with the same id.</summary>
    public void Save(LinkedCompany company)
    {
        lock (Gate)
        {
            Write([.. Read().Where(c => c.CompanyId != company.CompanyId), company]);
        }
    }

    public void Remove(string companyId)
    {
        lock (Gate)
        {
            Write([.. Read().Where(c => c.CompanyId != companyId)]);
        }
    }

    private List<LinkedCompany> Read() =>
        PrivateFile.ReadOrNull(FilePath) is { } json
            ? [.. JsonSerializer.Deserialize(json, LinkingJsonContext.Default.LinkedCompanies)?.Companies ?? []]
            : [];

    private void Write(List<LinkedCompany> companies) =>
        PrivateFile.Write(FilePath, JsonSerializer.Serialize(new LinkedCompanies(companies), LinkingJsonContext.Default.LinkedCompanies));
}
