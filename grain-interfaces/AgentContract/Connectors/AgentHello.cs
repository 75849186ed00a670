namespace Ledgerlink.Connectors;

/// <summary>
/// What an agent says about itself whenever it connects. <paramref name="Capabilities"/> is absent from older agents'
/// hellos, which read as <see cref="AgentCapabilities.None"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Connectors.AgentHello")]
public sealed record AgentHello(
    [property: Id(0)] string MachineName,
    [property: Id(1)] string AgentVersion,
    [property: Id(2)] int ProcessId,
    [property: Id(3)] AgentCapabilities Capabilities = AgentCapabilities.None);
