using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>What the link confirmation shows of a Sage 50 company, read from its data with the user's login.</summary>
public sealed record SageCompanyDetails(string? Name, string? Address, string? VatNumber, string? FinancialYearStart)
{
    /// <exception cref="Sage50AccessException">Wrong folder, not Sage data, wrong login, unreadable.</exception>
    public static async Task<SageCompanyDetails> ReadAsync(ISage50DataSourceFactory sources, Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        await using var source = await sources.OpenAsync(location, cancellationToken);
        await foreach (var record in new CompanyReader().ReadAsync(source, cancellationToken))
        {
            using var document = JsonDocument.Parse(record.Json);
            var root = document.RootElement;
            string? address = null;
            if (root.TryGetProperty("addresses", out var addresses) && addresses.ValueKind == JsonValueKind.Array && addresses.GetArrayLength() > 0)
            {
                var parts = addresses[0].EnumerateObject()
                    .Where(p => p.Name != "type" && p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()))
                    .Select(p => p.Value.GetString()!);
                address = string.Join(", ", parts);
            }

            var yearStart = Text(root, "financialYearStartDate");
            return new SageCompanyDetails(Text(root, "companyName"), address, Text(root, "taxNumber"), yearStart is { Length: >= 10 } ? yearStart[..10] : yearStart);
        }

        return new SageCompanyDetails(null, null, null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
