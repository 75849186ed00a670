using System.Text.Json.Serialization;
using Ledgerlink.Releases;

namespace Ledgerlink.Silo.Api.Operator.Models;

/// <summary>
/// <c>POST /operator/releases</c>: the manifest's exact bytes and its detached signature, both base64, as
/// <c>ledgerlink-silo release sign</c> wrote them, and the rollout (default: all agents).
/// </summary>
public sealed record PublishReleaseBody(
    [property: JsonPropertyName("manifest")] string? Manifest,
    [property: JsonPropertyName("signature")] string? Signature,
    [property: JsonPropertyName("rollout")] RolloutBody? Rollout);

/// <summary>All agents, a percentage of them, or the named connectors (a canary).</summary>
public sealed record RolloutBody(
    [property: JsonPropertyName("kind")] RolloutKind? Kind,
    [property: JsonPropertyName("percent")] int? Percent,
    [property: JsonPropertyName("connectorIds")] IReadOnlyList<string>? ConnectorIds);

public sealed record WithdrawReleaseBody([property: JsonPropertyName("reason")] string? Reason);

public sealed record ReleaseResponse(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("minimumVersion")] string MinimumVersion,
    [property: JsonPropertyName("notes")] string Notes,
    [property: JsonPropertyName("files")] IReadOnlyList<ReleaseFile> Files,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("published")] DateTimeOffset Published,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("rollout")] RolloutBody Rollout,
    [property: JsonPropertyName("withdrawn")] DateTimeOffset? Withdrawn,
    [property: JsonPropertyName("withdrawnReason")] string? WithdrawnReason)
{
    public static ReleaseResponse From(ReleaseInfo release) => new(
        release.Version, release.MinimumVersion, release.Notes, release.Files, release.KeyId, release.Published,
        release.Withdrawn is null ? "Published" : "Withdrawn",
        new RolloutBody(release.Rollout.Kind, release.Rollout.Percent, release.Rollout.ConnectorIds),
        release.Withdrawn, release.WithdrawnReason);
}

public sealed record ReleasesResponse([property: JsonPropertyName("results")] IReadOnlyList<ReleaseResponse> Results);

/// <summary><c>PUT /support/connectors/{connectorId}/release-hold</c>: a published version, or null to lift the hold.</summary>
public sealed record ReleaseHoldBody([property: JsonPropertyName("version")] string? Version);

/// <summary>A connector's release: the version it reported, support's hold, and the release it is offered (null: stay).</summary>
public sealed record ConnectorReleaseResponse(
    [property: JsonPropertyName("connectorId")] string ConnectorId,
    [property: JsonPropertyName("agentVersion")] string? AgentVersion,
    [property: JsonPropertyName("heldAt")] string? HeldAt,
    [property: JsonPropertyName("targetVersion")] string? TargetVersion,
    [property: JsonPropertyName("lastUpdate")] UpdateAttemptResponse? LastUpdate = null);

/// <summary>
/// The connector's last update attempt as its agent reported it (from the support audit log): the version, the outcome
/// (<c>installed</c>, <c>rolledBack</c>, <c>refused</c>), the reason and when it was reported.
/// </summary>
public sealed record UpdateAttemptResponse(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("at")] DateTimeOffset At);
