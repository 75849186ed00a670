using System.Text.Json.Serialization;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

[GenerateSerializer, Alias("Ledgerlink.Grains.PullOperations.PullOperationState")]
public sealed class PullOperationState
{
    [Id(0)] public string? CompanyId { get; set; }

    [Id(1)] public string ConnectionId { get; set; } = "";

    [Id(2)] public string DataType { get; set; } = "";

    [Id(3)] public string? RefreshId { get; set; }

    [Id(4)] public DateTimeOffset Requested { get; set; }

    [Id(5)] public PullOperationStatus Status { get; set; } = PullOperationStatus.Initial;

    [Id(6)] public string? StatusDescription { get; set; }

    [Id(7)] public string? ErrorMessage { get; set; }

    [Id(8)] public DateTimeOffset? Started { get; set; }

    [Id(9)] public DateTimeOffset? Completed { get; set; }

    [Id(10)] public int Progress { get; set; }

    /// <summary>The connector that started the operation; only it may send batches.</summary>
    [Id(11)] public string? ConnectorId { get; set; }

    [Id(12)] public string BlobName { get; set; } = "";

    /// <summary>Staged blocks in sequence order: the index is the batch sequence, so the next expected one is the count.</summary>
    [Id(13)] public List<StagedBlock> Blocks { get; set; } = [];

    [Id(14)] public long RecordsStored { get; set; }

    [Id(15)] public long BytesStored { get; set; }

    /// <summary>Set once the block list is committed; kept so a retried completion can tell the company again.</summary>
    [Id(16)] public CommittedDataset? Committed { get; set; }

    /// <summary>The integrator asked for the whole data type (<c>fullSync=true</c>).</summary>
    [Id(17)] public bool FullSync { get; set; }

    /// <summary>The committed version offered as the base of a delta when the pull started; kept so a resume offers the same.</summary>
    [Id(18)] public SyncBase? Base { get; set; }

    /// <summary>Why the cluster asked for a full sync when the pull started (null: a delta was welcome).</summary>
    [Id(19)] public string? ClusterFullSyncReason { get; set; }

    /// <summary>Whether the pull has been started once (Base and the reason are decided then).</summary>
    [Id(20)] public bool BaseDecided { get; set; }

    [JsonIgnore]
    public bool Exists => CompanyId is not null;

    /// <summary>Fills in a new operation from its request; its status is set by the grain.</summary>
    public void Begin(PullOperationRequest request, string blobName)
    {
        ArgumentNullException.ThrowIfNull(request);
        CompanyId = request.CompanyId;
        ConnectionId = request.ConnectionId;
        DataType = request.DataType;
        RefreshId = request.RefreshId;
        Requested = request.Requested;
        FullSync = request.FullSync;
        BlobName = blobName;
    }

    [JsonIgnore]
    public long NextSequence => Blocks.Count;
}

/// <summary>One staged batch: where it sits in the blob, how many records it holds, and the hash it arrived with.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.PullOperations.StagedBlock")]
public sealed record StagedBlock(
    [property: Id(0)] long Offset,
    [property: Id(1)] int Length,
    [property: Id(2)] int RecordCount,
    [property: Id(3)] string Sha256);
