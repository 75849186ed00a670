using Ledgerlink.Companies;

namespace Ledgerlink.Grains.Companies;

/// <summary>
/// The rules of a company's connections and their one-time link codes, over its state; the grain writes the state.
/// </summary>
public sealed class CompanyConnections(CompanyState company, TimeProvider time)
{
    /// <summary>The one connection that can carry syncs, if any.</summary>
    public CompanyConnection? Live => company.Connections.Find(c => c.IsLive);

    public CompanyConnection? Find(string connectionId) => company.Connections.Find(c => c.Id == connectionId);

    public CompanyConnection Add(ConnectionStatus status)
    {
        var connection = new CompanyConnection
        {
            Id = Guid.NewGuid().ToString(),
            PlatformKey = Sage50Platform.PlatformKey,
            Status = status,
            Created = time.GetUtcNow(),
        };
        company.Connections.Add(connection);
        return connection;
    }

    /// <summary>A new code for <paramref name="connection"/>; only its hash is kept, and the previous code stops working.</summary>
    public IssuedLinkCode IssueLinkCode(CompanyConnection connection, TimeSpan lifetime)
    {
        var code = LinkCodes.Generate();
        connection.LinkCodeHash = LinkCodes.Hash(code);
        connection.LinkCodeExpires = time.GetUtcNow() + lifetime;
        return new IssuedLinkCode(connection.ToInfo(), code, connection.LinkCodeExpires.Value);
    }

    /// <summary>
    /// Null when <paramref name="request"/> may link the live connection; otherwise why not. The code is checked before
    /// anything else, and a company that does not exist answers exactly as a wrong code does.
    /// </summary>
    public string? LinkRefusal(CompanyLinkRequest request)
    {
        var connection = company.Exists ? Live : null;
        if (LinkCodeRefusal(connection, request.LinkCode) is { } refusal)
        {
            return refusal;
        }

        return connection!.Status == ConnectionStatus.Linked && connection.ConnectorId != request.ConnectorId
            ? "The company is already linked to another connector; its connection must be unlinked first."
            : null;
    }

    /// <summary>Links the live connection to the agent of <paramref name="request"/> and uses its code up.</summary>
    public CompanyConnection Link(CompanyLinkRequest request)
    {
        var connection = Live ?? throw new InvalidOperationException("The company has no live connection.");
        connection.Status = ConnectionStatus.Linked;
        connection.ConnectorId = request.ConnectorId;
        connection.SageCompanyName = request.SageCompanyName;
        connection.VatNumber = request.VatNumber;
        connection.UsedLinkCodeHash = connection.LinkCodeHash;
        connection.LinkCodeHash = null;
        connection.LinkCodeExpires = null;
        return connection;
    }

    /// <summary>Null when <paramref name="code"/> is the live connection's current, unexpired link code.</summary>
    private string? LinkCodeRefusal(CompanyConnection? connection, string? code)
    {
        if (connection is null || LinkCodes.Hash(code) is not { } presented)
        {
            return LinkCodes.WrongCode;
        }

        if (LinkCodes.Matches(connection.LinkCodeHash, presented))
        {
            return connection.LinkCodeExpires > time.GetUtcNow() ? null : LinkCodes.ExpiredCode;
        }

        return company.Connections.Any(c => LinkCodes.Matches(c.UsedLinkCodeHash, presented)) ? LinkCodes.UsedCode : LinkCodes.WrongCode;
    }
}
