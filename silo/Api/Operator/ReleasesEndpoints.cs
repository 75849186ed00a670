using Ledgerlink.Releases;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Operator.Models;
using Ledgerlink.Silo.Releases;

namespace Ledgerlink.Silo.Api.Operator;

/// <summary>
/// Operators publish, list and withdraw agent releases, and set each one's rollout. Publishing is two steps: upload each
/// file (<c>PUT /operator/releases/{version}/files/{name}</c>), then post the signed manifest; the silo checks the
/// signature against the configured release public key and every uploaded file against the manifest before the
/// release exists. The signing key stays on the operator's machine (<c>ledgerlink-silo release sign</c>).
/// </summary>
public static class ReleasesEndpoints
{
    private const int MaxRolloutConnectors = 1000;

    public static RouteGroupBuilder MapReleases(this RouteGroupBuilder operators, ReleaseOptions options)
    {
        var releases = operators.MapGroup("/releases");
        releases.MapPut("/{version}/files/{name}", UploadFile).WithName("upload-release-file").WithRequestBodyLimit(options.MaxFileBytes);
        releases.MapPost("/", Publish).WithName("publish-release").Accepts<PublishReleaseBody>("application/json").Produces<ReleaseResponse>();
        releases.MapGet("/", List).WithName("list-releases").Produces<ReleasesResponse>();
        releases.MapGet("/{version}", Get).WithName("get-release").Produces<ReleaseResponse>();
        releases.MapPost("/{version}/withdraw", Withdraw).WithName("withdraw-release").Produces<ReleaseResponse>();
        releases.MapPut("/{version}/rollout", SetRollout).WithName("set-release-rollout").Produces<ReleaseResponse>();
        return operators;
    }

    private static IReleaseCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key);

    private static async Task<IResult> UploadFile(string version, string name, HttpContext http, IGrainFactory grains, ReleaseStore store)
    {
        if (!ReleaseVersion.TryParse(version, out _))
        {
            return ApiErrors.BadRequest("version", $"'{version}' is not a version (numbers separated by dots, e.g. 1.4.0).");
        }

        if (!ReleaseCheck.IsSafeName(name))
        {
            return ApiErrors.BadRequest("name", "name must be a plain file name (letters, digits, '.', '-', '_'; not starting with '.').");
        }

        if (await Catalog(grains).Get(version) is not null)
        {
            return ApiErrors.Conflict($"Version {version} is published; its files cannot change.");
        }

        try
        {
            await store.UploadFileAsync(version, name, http.Request.Body, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiErrors.Create(StatusCodes.Status413PayloadTooLarge, $"A release file may be at most {store.Options.MaxFileBytes} bytes.",
                [new("body", "Send a smaller file.", "Request")]);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> Publish(HttpContext http, IGrainFactory grains, ReleaseStore store)
    {
        if (store.Options.ResolvePublicKey() is not { } publicKey)
        {
            return ApiErrors.Conflict("No release public key is configured (Ledgerlink:Releases:PublicKey or PublicKeyPath); nothing can be published.");
        }

        var read = await JsonBody.ReadAsync<PublishReleaseBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        if (Base64(body.Manifest) is not { } manifestBytes)
        {
            return ApiErrors.BadRequest("manifest", "manifest must be the manifest file's bytes in base64.");
        }

        if (Base64(body.Signature) is not { } signature)
        {
            return ApiErrors.BadRequest("signature", "signature must be the detached signature's bytes in base64.");
        }

        var checkedRollout = Rollout(body.Rollout);
        if (!checkedRollout.TryGetValue(out var rollout))
        {
            return checkedRollout.Error;
        }

        var (manifest, refusal) = ReleaseCheck.Manifest(manifestBytes, signature, publicKey);
        if (manifest is null)
        {
            return ApiErrors.BadRequest(refusal!.Field, refusal.Reason);
        }

        if (await Catalog(grains).Get(manifest.Version) is not null)
        {
            return ApiErrors.Conflict($"Version {manifest.Version} was published already; a version is published once.");
        }

        foreach (var file in manifest.Files)
        {
            if (await store.CheckFileAsync(manifest.Version, file, http.RequestAborted) is { } fileRefusal)
            {
                return ApiErrors.BadRequest(fileRefusal.Field, fileRefusal.Reason);
            }
        }

        await store.SaveSignedManifestAsync(manifest.Version, manifestBytes, signature, http.RequestAborted);
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        try
        {
            var published = await Catalog(grains).Publish(new ReleaseInfo(
                manifest.Version, manifest.MinimumVersion, manifest.Notes, manifest.Files, ReleaseSigning.KeyId(publicKey), time.GetUtcNow(), rollout,
                Withdrawn: null, WithdrawnReason: null));
            return Results.Json(ReleaseResponse.From(published), ApiJson.Options);
        }
        catch (ArgumentException e)
        {
            return ApiErrors.Conflict(e.Message);
        }
    }

    private static async Task<IResult> List(IGrainFactory grains) =>
        Results.Json(new ReleasesResponse([.. (await Catalog(grains).List()).Select(ReleaseResponse.From)]), ApiJson.Options);

    private static async Task<IResult> Get(string version, IGrainFactory grains) =>
        await Catalog(grains).Get(version) is { } release
            ? Results.Json(ReleaseResponse.From(release), ApiJson.Options)
            : ApiErrors.NotFound($"Release {version} not found");

    private static async Task<IResult> Withdraw(string version, HttpContext http, IGrainFactory grains)
    {
        var read = await JsonBody.ReadAsync<WithdrawReleaseBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 200)
        {
            return ApiErrors.BadRequest("reason", "reason is required (at most 200 characters): support and the audit read it.");
        }

        return await Catalog(grains).Withdraw(version, body.Reason.Trim()) is { } withdrawn
            ? Results.Json(ReleaseResponse.From(withdrawn), ApiJson.Options)
            : ApiErrors.NotFound($"Release {version} not found");
    }

    private static async Task<IResult> SetRollout(string version, HttpContext http, IGrainFactory grains)
    {
        var read = await JsonBody.ReadAsync<RolloutBody>(http.Request, http.RequestAborted);
        if (!read.TryGetValue(out var body))
        {
            return read.Error;
        }

        var checkedRollout = Rollout(body, prefix: string.Empty);
        if (!checkedRollout.TryGetValue(out var rollout))
        {
            return checkedRollout.Error;
        }

        return await Catalog(grains).SetRollout(version, rollout) is { } changed
            ? Results.Json(ReleaseResponse.From(changed), ApiJson.Options)
            : ApiErrors.NotFound($"Release {version} not found");
    }

    private static Checked<ReleaseRollout> Rollout(RolloutBody? body, string prefix = "rollout.")
    {
        if (body is null)
        {
            return ReleaseRollout.Everyone;
        }

        switch (body.Kind ?? RolloutKind.All)
        {
            case RolloutKind.All:
                return ReleaseRollout.Everyone;
            case RolloutKind.Percentage when body.Percent is >= 0 and <= 100:
                return new ReleaseRollout(RolloutKind.Percentage, body.Percent.Value, []);
            case RolloutKind.Percentage:
                return Checked<ReleaseRollout>.Refuse(ApiErrors.BadRequest(prefix + "percent", $"{prefix}percent must be from 0 to 100 for a Percentage rollout."));
            default:
                var ids = body.ConnectorIds ?? [];
                if (ids.Count is 0 or > MaxRolloutConnectors || ids.Any(string.IsNullOrWhiteSpace))
                {
                    return Checked<ReleaseRollout>.Refuse(ApiErrors.BadRequest(prefix + "connectorIds",
                        $"{prefix}connectorIds must name 1 to {MaxRolloutConnectors} connectors for a Connectors rollout."));
                }

                return new ReleaseRollout(RolloutKind.Connectors, 0, [.. ids.Select(id => id.Trim()).Distinct(StringComparer.Ordinal)]);
        }
    }

    private static byte[]? Base64(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
