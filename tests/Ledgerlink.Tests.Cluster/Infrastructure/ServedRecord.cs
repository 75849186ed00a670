using System.Text.Json.Nodes;

namespace Ledgerlink.Tests.Infrastructure;

/// <summary>
/// A record as the API serves it carries <c>modifiedDate</c> (when Ledgerlink saw that version), which the stored
/// record does not; comparisons with what was stored take it off, after checking it is there.
/// </summary>
public static class ServedRecord
{
    public static JsonNode Unstamped(JsonNode? served)
    {
        var copy = JsonNode.Parse(served!.ToJsonString())!.AsObject();
        Assert.True(copy.Remove("modifiedDate"), $"a served record has no modifiedDate: {served.ToJsonString()}");
        return copy;
    }
}
