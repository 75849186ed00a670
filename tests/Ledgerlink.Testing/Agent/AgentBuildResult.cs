namespace Ledgerlink.Testing.Agent;

/// <summary>A published agent: its folder, the version it was built as and how long the build took.</summary>
public sealed record AgentBuildResult(string Folder, string Version, TimeSpan BuildTime);
