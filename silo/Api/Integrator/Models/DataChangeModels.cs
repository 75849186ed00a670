using System.Text.Json.Serialization;
using Ledgerlink.Companies;

namespace Ledgerlink.Silo.Api.Integrator.Models;

/// <summary>One entry of a company's data audit log.</summary>
public sealed record DataAuditEntryResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("action")] DataAuditAction Action,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("fromGeneration")] long FromGeneration,
    [property: JsonPropertyName("toGeneration")] long ToGeneration,
    [property: JsonPropertyName("datasets")] int Datasets,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("cancelledSyncs")] int CancelledSyncs,
    [property: JsonPropertyName("detail")] string Detail)
{
    public static DataAuditEntryResponse From(DataAuditEntry entry) => new(
        entry.Id, entry.At, entry.Action, entry.Actor, entry.FromGeneration, entry.ToGeneration,
        entry.Datasets, entry.Records, entry.CancelledSyncs, entry.Detail);
}

/// <summary>Where a company's data generations stand.</summary>
public sealed record DataGenerationsResponse(
    [property: JsonPropertyName("currentGeneration")] long CurrentGeneration,
    [property: JsonPropertyName("restorableGeneration")] long? RestorableGeneration,
    [property: JsonPropertyName("canRestore")] bool CanRestore,
    [property: JsonPropertyName("lastReset")] DateTimeOffset? LastReset,
    [property: JsonPropertyName("lastRestore")] DateTimeOffset? LastRestore,
    [property: JsonPropertyName("retiredGenerationsAwaitingDeletion")] int RetiredAwaitingDeletion)
{
    public static DataGenerationsResponse From(DataGenerationInfo info) => new(
        info.Current, info.Restorable, info.Restorable is not null, info.LastReset, info.LastRestore, info.RetiredAwaitingDeletion);
}
