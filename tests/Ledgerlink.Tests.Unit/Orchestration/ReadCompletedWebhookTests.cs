using System.Text.Json;
using Ledgerlink.Companies;
using Ledgerlink.Grains.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>The read.completed event body has the shape of Codat's ReadCompletedWebhook.</summary>
public sealed class ReadCompletedWebhookTests
{
    [Fact]
    public void The_event_carries_the_company_reference_and_one_summary_per_data_type()
    {
        var generated = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.FromHours(1));
        var profile = new CompanyProfile("Stationery & Co", "Paper \"and\" pens", null, new Dictionary<string, string>(), false);

        var webhookEvent = ReadCompletedWebhook.Create("event-1", generated, "company-1", profile,
        [
            new("connection-1", "invoices", true, PullOperationStatus.Complete),
            new("connection-1", "customers", false, PullOperationStatus.FetchError),
        ]);

        Assert.Equal(("event-1", "read.completed", "company-1", generated),
            (webhookEvent.Id, webhookEvent.EventType, webhookEvent.CompanyId, webhookEvent.GeneratedDate));
        using var json = JsonDocument.Parse(webhookEvent.PayloadJson);
        var root = json.RootElement;
        Assert.Equal("event-1", root.GetProperty("id").GetString());
        Assert.Equal("read.completed", root.GetProperty("eventType").GetString());
        Assert.Equal("2026-03-04T04:06:07.089Z", root.GetProperty("generatedDate").GetString());

        var company = root.GetProperty("payload").GetProperty("referenceCompany");
        Assert.Equal(("company-1", "Stationery & Co", "Paper \"and\" pens"),
            (company.GetProperty("id").GetString(), company.GetProperty("name").GetString(), company.GetProperty("description").GetString()));

        var dataTypes = root.GetProperty("payload").GetProperty("dataTypes").EnumerateArray().ToArray();
        Assert.Equal(2, dataTypes.Length);
        Assert.Equal("connection-1", dataTypes[0].GetProperty("connectionId").GetString());
        Assert.Equal(("invoices", true, "Complete"),
            (dataTypes[0].GetProperty("dataType").GetString(), dataTypes[0].GetProperty("recordsModified").GetBoolean(),
                dataTypes[0].GetProperty("status").GetString()));
        Assert.Equal(("customers", false, "FetchError"),
            (dataTypes[1].GetProperty("dataType").GetString(), dataTypes[1].GetProperty("recordsModified").GetBoolean(),
                dataTypes[1].GetProperty("status").GetString()));
        Assert.Equal(0, dataTypes[1].GetProperty("issues").GetArrayLength());
    }
}
