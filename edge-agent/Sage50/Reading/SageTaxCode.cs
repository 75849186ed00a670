namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>One row of Sage's TAX_CODE table: T0..T99, with its description and rate in percent.</summary>
public sealed record SageTaxCode(string Code, string? Description, decimal Rate);
