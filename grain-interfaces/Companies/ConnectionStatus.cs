namespace Ledgerlink.Companies;

/// <summary>Data connection statuses exactly as Codat's Platform API names them.</summary>
[GenerateSerializer]
public enum ConnectionStatus
{
    PendingAuth,
    Linked,
    Unlinked,
    Deauthorized,
}
