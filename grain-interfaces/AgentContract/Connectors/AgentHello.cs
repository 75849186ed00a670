namespace Ledgerlink.Connectors;

/// <summary>What an agent says about itself whenever it connects.</summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Connectors.AgentHello")]
public sealed record AgentHello(
    [property: Id(0)] string MachineName,
    [property: Id(1)] string AgentVersion,
    [property: Id(2)] int ProcessId);
