namespace Ledgerlink.Branding;

/// <summary>
/// How an integrator (tenant) presents itself to its small businesses: on the link page and in the agent's local UI.
/// <paramref name="Tag"/> changes whenever anything else does (a hash of the content), so an agent fetches the branding,
/// logo included, only when the tag in its heartbeat answer differs from the one it shows.
/// </summary>
[GenerateSerializer, Immutable, Alias("Ledgerlink.Branding.TenantBranding")]
public sealed record TenantBranding(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string PrimaryColor,
    [property: Id(2)] string? SupportContact,
    [property: Id(3)] byte[]? Logo,
    [property: Id(4)] string? LogoContentType,
    [property: Id(5)] DateTimeOffset Modified,
    [property: Id(6)] string Tag)
{
    /// <summary>Never prints the logo's bytes.</summary>
    public override string ToString() =>
        $"TenantBranding {{ DisplayName = {DisplayName}, PrimaryColor = {PrimaryColor}, Logo = {Logo?.Length ?? 0} bytes, Tag = {Tag} }}";
}
