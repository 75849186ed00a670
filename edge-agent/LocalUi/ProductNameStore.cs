using System.Text.Json;
using Ledgerlink.EdgeAgent.LocalFiles;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// The product name shown on the Licence page for each licence key: the integrator's name for the company, as the
/// cluster returned it in the link result (<c>CompanyLinkResult.CompanyName</c>). Kept in <c>licences.json</c>.
/// </summary>
public sealed class ProductNameStore(string dataFolder)
{
    private readonly Lock _gate = new();

    public string FilePath { get; } = Path.Combine(dataFolder, "licences.json");

    public string? Find(string companyId)
    {
        lock (_gate)
        {
            return Read().GetValueOrDefault(companyId);
        }
    }

    public void Save(string companyId, string productName)
    {
        lock (_gate)
        {
            var all = Read();
            all[companyId] = productName;
            PrivateFile.Write(FilePath, JsonSerializer.Serialize(all));
        }
    }

    private Dictionary<string, string> Read()
    {
        try
        {
            return PrivateFile.ReadOrNull(FilePath) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
