using System.Globalization;
using System.Text.Json;
using Ledgerlink.Companies;
using Ledgerlink.PullOperations;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Companies;

/// <summary>Codat's <c>read.completed</c> event: sent once every data type of one refresh has finished.</summary>
public static class ReadCompletedWebhook
{
    public const string EventType = "read.completed";

    public sealed record DataTypeRead(string ConnectionId, string DataType, bool RecordsModified, PullOperationStatus Status);

    public static WebhookEvent Create(
        string eventId, DateTimeOffset generated, string companyId, CompanyProfile profile, IEnumerable<DataTypeRead> reads)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(reads);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", eventId);
            json.WriteString("eventType", EventType);
            json.WriteString("generatedDate", FormatDate(generated));
            json.WriteStartObject("payload");
            json.WriteStartObject("referenceCompany");
            json.WriteString("id", companyId);
            json.WriteString("name", profile.Name);
            json.WriteString("description", profile.Description);
            json.WriteEndObject();
            json.WriteStartArray("dataTypes");
            foreach (var read in reads)
            {
                json.WriteStartObject();
                json.WriteString("connectionId", read.ConnectionId);
                json.WriteString("dataType", read.DataType);
                json.WriteBoolean("recordsModified", read.RecordsModified);
                json.WriteString("status", read.Status.ToString());
                json.WriteStartArray("issues");
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return new WebhookEvent(eventId, EventType, companyId, generated, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // Codat dates are ISO 8601 in UTC with a trailing Z.
    private static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
