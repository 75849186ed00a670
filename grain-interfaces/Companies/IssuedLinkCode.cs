namespace Ledgerlink.Companies;

/// <summary>
/// A new one-time link code for a connection, returned once to the integrator (who passes it on with the licence key,
/// or in the connection's <c>linkUrl</c>); the company keeps only its SHA-256 hash and <paramref name="Expires"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Companies.IssuedLinkCode")]
public sealed record IssuedLinkCode(
    [property: Id(0)] ConnectionInfo Connection,
    [property: Id(1)] string Code,
    [property: Id(2)] DateTimeOffset Expires)
{
    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"IssuedLinkCode {{ Connection = {Connection.Id}, Expires = {Expires:O} }}";
}
