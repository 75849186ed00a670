namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>A UK address in Sage's five lines: street, street, town, county, post code.</summary>
internal sealed record DemoAddress(string Line1, string? Line2, string Town, string County, string PostCode);
