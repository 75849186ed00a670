namespace Ledgerlink.Grains.Connectors;

/// <summary>
/// The rules of a connector's credential over its state: registration, the secret and its rotation, revocation. Only
/// hashes are kept; the grain writes the state.
/// </summary>
public sealed class ConnectorCredentials(ConnectorState connector, TimeProvider time)
{
    /// <summary>A first secret for a connector never registered; null when it is (a second registration is refused).</summary>
    public string? Register()
    {
        if (connector.IsRegistered)
        {
            return null;
        }

        var secret = ConnectorSecret.Generate();
        connector.SecretHash = ConnectorSecret.Hash(secret);
        connector.Registered = time.GetUtcNow();
        connector.SecretIssued = connector.Registered;
        return secret;
    }

    /// <summary>Whether <paramref name="secret"/> is valid; <paramref name="rotated"/> when it was the pending one, now the only one.</summary>
    public bool Verify(string secret, out bool rotated)
    {
        rotated = false;
        if (connector.Revoked is not null)
        {
            return false;
        }

        if (ConnectorSecret.Matches(secret, connector.SecretHash))
        {
            return true;
        }

        if (!ConnectorSecret.Matches(secret, connector.PendingSecretHash))
        {
            return false;
        }

        // The agent has the rotated secret and uses it: from now on it is the only one.
        connector.SecretHash = connector.PendingSecretHash;
        connector.PendingSecretHash = null;
        connector.SecretIssued = time.GetUtcNow();
        connector.SecretRotationRequested = false;
        rotated = true;
        return true;
    }

    /// <summary>A new pending secret, valid alongside the current one until the agent first uses it; null when revoked.</summary>
    public string? Rotate()
    {
        if (!CanRotate)
        {
            return null;
        }

        var secret = ConnectorSecret.Generate();
        connector.PendingSecretHash = ConnectorSecret.Hash(secret);
        return secret;
    }

    /// <summary>Whether the connector has a live secret that can be rotated.</summary>
    public bool CanRotate => connector.Revoked is null && connector.SecretHash is not null;

    /// <summary>Whether the secret should be rotated: asked for, or older than <paramref name="rotationAge"/>.</summary>
    public bool RotationDue(TimeSpan rotationAge) =>
        connector.Revoked is null
        && (connector.SecretRotationRequested || time.GetUtcNow() - (connector.SecretIssued ?? connector.Registered) >= rotationAge);

    /// <summary>Takes the credential away for good and empties the outbox; the pulls it was running are returned.</summary>
    public IReadOnlyList<string> Revoke(string reason)
    {
        var interrupted = new ConnectorOutbox(connector).RunningPulls();
        connector.SecretHash = null;
        connector.PendingSecretHash = null;
        connector.Revoked ??= time.GetUtcNow();
        connector.RevokedReason = reason;
        connector.Outbox.Clear();
        return interrupted;
    }
}
