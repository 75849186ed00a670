using System.Text.Json;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.LocalFiles;

namespace Ledgerlink.EdgeAgent.Identity;

/// <summary>
/// Keeps the agent's identity in <c>identity.json</c> in the data folder (readable only by the user), so a restarted
/// agent is the same connector. The first run registers a new connector and saves its secret before using it.
/// </summary>
public sealed class AgentIdentityStore(string dataFolder)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath { get; } = Path.Combine(dataFolder, "identity.json");

    public AgentIdentity? Load() =>
        PrivateFile.ReadOrNull(FilePath) is { } json ? JsonSerializer.Deserialize(json, IdentityJsonContext.Default.AgentIdentity) : null;

    /// <summary>The saved identity, or a newly registered one (saved before it is returned).</summary>
    public async Task<AgentIdentity> EnsureRegisteredAsync(IClusterClient client, AgentHello hello, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // `link` and `run` may start together on a new machine: one process registers, the other waits and reads it.
            await using var crossProcess = await LockAsync(cancellationToken);
            if (Load() is { } existing)
            {
                return existing;
            }

            var connectorId = $"agent-{Guid.NewGuid():N}";
            var registration = await client.GetGrain<IAgentGatewayGrain>(connectorId).Register(hello).WaitAsync(cancellationToken);
            var identity = new AgentIdentity(registration.ConnectorId, registration.Secret);
            PrivateFile.Write(FilePath, JsonSerializer.Serialize(identity, IdentityJsonContext.Default.AgentIdentity));
            return identity;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Asks the cluster for a new secret and keeps it. The cluster accepts the old one until the new one is first used,
    /// so a crash between the answer and the file write costs nothing: the next session rotates again.
    /// </summary>
    public async Task<AgentIdentity> RotateAsync(IAgentGatewayGrain gateway, AgentIdentity current, CancellationToken cancellationToken)
    {
        var registration = await gateway.RotateSecret(current.Credential).WaitAsync(cancellationToken);
        var rotated = new AgentIdentity(registration.ConnectorId, registration.Secret);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            PrivateFile.Write(FilePath, JsonSerializer.Serialize(rotated, IdentityJsonContext.Default.AgentIdentity));
        }
        finally
        {
            _gate.Release();
        }

        return rotated;
    }

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        PrivateFile.EnsureFolder(Path.GetDirectoryName(FilePath)!);
        var lockFile = FilePath + ".lock";
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Held by the other process for the length of one registration call.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}
