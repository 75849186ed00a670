using System.Text.Json.Serialization;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>
/// <c>PUT /integrations/{platformKey}/branding</c>: our addition (Codat has only the GET). <c>logo</c> is the image's
/// bytes in base64 (PNG or JPEG, judged by content); null or absent means no logo. The whole branding is replaced.
/// </summary>
public sealed record BrandingBody(
    [property: JsonPropertyName("displayName")] string? DisplayName,
    [property: JsonPropertyName("primaryColor")] string? PrimaryColor,
    [property: JsonPropertyName("supportContact")] string? SupportContact,
    [property: JsonPropertyName("logo")] string? Logo);

/// <summary>
/// Codat's <c>Branding</c> (<c>logo.full</c>, <c>logo.square</c>, <c>button</c>, <c>sourceId</c>), plus ours: the
/// name, colour and support contact the link page and the agent show, whether this is the neutral default, and when it
/// last changed. Both logo entries point at the one uploaded image; Ledgerlink has no branded buttons.
/// </summary>
public sealed record BrandingResponse(
    [property: JsonPropertyName("logo")] BrandingLogo? Logo,
    [property: JsonPropertyName("button")] BrandingButton? Button,
    [property: JsonPropertyName("sourceId")] string SourceId,
    [property: JsonPropertyName("displayName")] string? DisplayName,
    [property: JsonPropertyName("primaryColor")] string PrimaryColor,
    [property: JsonPropertyName("supportContact")] string? SupportContact,
    [property: JsonPropertyName("isDefault")] bool IsDefault,
    [property: JsonPropertyName("modifiedDate")] DateTimeOffset? ModifiedDate);

public sealed record BrandingLogo(
    [property: JsonPropertyName("full")] BrandingImage Full,
    [property: JsonPropertyName("square")] BrandingImage Square);

public sealed record BrandingButton(
    [property: JsonPropertyName("default")] BrandingImage? Default,
    [property: JsonPropertyName("hover")] BrandingImage? Hover);

public sealed record BrandingImage([property: JsonPropertyName("image")] ImageReference Image);

public sealed record ImageReference(
    [property: JsonPropertyName("src")] string Src,
    [property: JsonPropertyName("alt")] string Alt);
