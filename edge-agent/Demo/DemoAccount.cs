namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>A customer or supplier of the demo company, and the receipts or payments it has yet to make.</summary>
internal sealed class DemoAccount(string reference, string name, DemoAddress address, string contact, string telephone, string email, string? vatNumber, bool inactive)
{
    public string Reference { get; } = reference;

    public string Name { get; } = name;

    public DemoAddress Address { get; } = address;

    public string Contact { get; } = contact;

    public string Telephone { get; } = telephone;

    public string Email { get; } = email;

    public string? VatNumber { get; } = vatNumber;

    public bool Inactive { get; } = inactive;

    public List<DemoInstallment> Scheduled { get; } = [];
}
