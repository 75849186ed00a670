namespace Ledgerlink.Confirmations;

/// <summary>What an owner confirmation, once confirmed from the owner's email, does.</summary>
[GenerateSerializer]
public enum OwnerAction
{
    ResetData,
    RestoreData,

    /// <summary>Proves the company's (new) owner email address reaches its owner.</summary>
    VerifyOwner,
}
