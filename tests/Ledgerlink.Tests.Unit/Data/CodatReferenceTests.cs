using System.Text.Json.Nodes;
using Ledgerlink.Testing.Data;

namespace Ledgerlink.Tests.Data;

/// <summary>The reference validator the read tests rely on does refuse what Codat's schemas refuse.</summary>
public sealed class CodatReferenceTests
{
    private const string Balance = "/companies/{companyId}/data/financials/balanceSheet";
    private const string Invoice = "/companies/{companyId}/data/invoices/{invoiceId}";

    [Fact]
    public void A_conforming_body_passes_and_wrong_types_missing_required_and_extra_fields_fail()
    {
        var reference = CodatReference.Load();
        var good = JsonNode.Parse("""{"currency":"GBP","reports":[{"date":"2025-01-31T00:00:00","netAssets":1,"assets":{"value":1,"items":[]}}]}""");
        Assert.Empty(reference.Validate(Balance, good));

        Assert.Contains(reference.Validate(Balance, JsonNode.Parse("""{"currency":"GBP"}""")), p => p.Contains("'reports'", StringComparison.Ordinal));
        Assert.Contains(reference.Validate(Balance, JsonNode.Parse("""{"reports":[{"netAssets":"1"}]}""")), p => p.Contains("netAssets", StringComparison.Ordinal));
        Assert.Contains(reference.Validate(Balance, JsonNode.Parse("""{"reports":[],"extra":1}""")), p => p.Contains("$.extra", StringComparison.Ordinal));
        Assert.Contains(reference.Validate(Balance, JsonNode.Parse("""{"reports":[{"netAssets":1,"assets":{"name":"x"}}]}""")),
            p => p.Contains("'value'", StringComparison.Ordinal));
        Assert.NotEmpty(reference.Validate(Invoice, JsonNode.Parse("""{"id":"1","status":"NotAStatus","totalAmount":"12"}""")));
        Assert.NotEmpty(reference.ValidateError(JsonNode.Parse("""{"statusCode":"404"}""")));
    }
}
