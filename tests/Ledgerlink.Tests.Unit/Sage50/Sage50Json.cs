using System.Text;
using System.Text.Json;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.Tests.Sage50;

/// <summary>Reads every record of a data type and parses it back, checking each is one line of JSON.</summary>
public static class Sage50Json
{
    public static async Task<List<JsonElement>> ReadAllAsync(ISage50DataSource source, string dataType)
    {
        var records = new List<JsonElement>();
        await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None))
        {
            var text = Encoding.UTF8.GetString(record.Json.Span);
            Assert.DoesNotContain('\n', text);
            var element = JsonDocument.Parse(record.Json).RootElement.Clone();
            if (element.TryGetProperty("id", out var id))
            {
                Assert.Equal(record.Id, id.GetString());
            }

            records.Add(element);
        }

        return records;
    }

    public static decimal Sum(IEnumerable<JsonElement> records, string field) =>
        records.Sum(r => r.TryGetProperty(field, out var value) ? value.GetDecimal() : 0m);
}
