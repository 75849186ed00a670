namespace Ledgerlink.EdgeAgent.Configuration;

/// <summary>A setting the agent cannot work with; the message names it and is shown as is.</summary>
public sealed class AgentConfigurationException(string message) : Exception(message);
