using System.Text.Json.Serialization;
using Ledgerlink.Companies;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.Companies;

[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.CompanyState")]
public sealed class CompanyState
{
    [Id(0)] public string? TenantId { get; set; }

    [Id(1)] public CompanyProfile? Profile { get; set; }

    [Id(2)] public DateTimeOffset Created { get; set; }

    [Id(3)] public DateTimeOffset? LastSync { get; set; }

    [Id(4)] public List<CompanyConnection> Connections { get; set; } = [];

    /// <summary>Requested pull operations, newest first: a cache of what each pull operation grain (the owner) said.</summary>
    [Id(5)] public List<PullOperationRecord> Operations { get; set; } = [];

    /// <summary>Per data type: its Codat data status and the pointer to its committed dataset.</summary>
    [Id(6)] public Dictionary<string, DataTypeState> DataTypes { get; set; } = [];

    /// <summary>Data generations for reset and restore (a high id keeps clear of other additions to this state).</summary>
    [Id(20)] public DataGenerationState DataGenerations { get; set; } = new();

    /// <summary>The owner email address its owner confirmed from an email to it; the owner is verified while it equals the profile's.</summary>
    [Id(21)] public string? VerifiedOwnerEmail { get; set; }

    /// <summary>When the owner email last changed from one address to another (not when first set): resets wait a day after.</summary>
    [Id(22)] public DateTimeOffset? OwnerChanged { get; set; }

    /// <summary>When confirmation emails were asked for in the last hour, to limit them.</summary>
    [Id(23)] public List<DateTimeOffset> ConfirmationRequests { get; set; } = [];

    [JsonIgnore]
    public bool Exists => TenantId is not null && Profile is not null;

    /// <summary>The status of <paramref name="dataType"/>, added (never synced) the first time it is asked for.</summary>
    public DataTypeState DataType(string dataType)
    {
        if (!DataTypes.TryGetValue(dataType, out var status))
        {
            status = new DataTypeState { CurrentStatus = PullOperationStatus.Initial };
            DataTypes[dataType] = status;
        }

        return status;
    }
}

[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.CompanyConnection")]
public sealed class CompanyConnection
{
    [Id(0)] public string Id { get; set; } = "";

    [Id(1)] public string PlatformKey { get; set; } = "";

    [Id(2)] public ConnectionStatus Status { get; set; }

    [Id(3)] public DateTimeOffset Created { get; set; }

    [Id(4)] public DateTimeOffset? LastSync { get; set; }

    [Id(5)] public string? ConnectorId { get; set; }

    /// <summary>What the agent read from the Sage 50 company when it linked, kept for support.</summary>
    [Id(6)] public string? SageCompanyName { get; set; }

    [Id(7)] public string? VatNumber { get; set; }

    /// <summary>SHA-256 (hex) of the current one-time link code; null once used. The code itself is never stored.</summary>
    [Id(8)] public string? LinkCodeHash { get; set; }

    [Id(9)] public DateTimeOffset? LinkCodeExpires { get; set; }

    /// <summary>Hash of the code that last linked this connection, so that using it again gets its own message.</summary>
    [Id(10)] public string? UsedLinkCodeHash { get; set; }

    /// <summary>A connection that can carry syncs: not unlinked or deauthorized (deleted ones are removed).</summary>
    [JsonIgnore]
    public bool IsLive => Status is ConnectionStatus.PendingAuth or ConnectionStatus.Linked;

    public ConnectionInfo ToInfo() => new(Id, PlatformKey, Status, Created, LastSync, ConnectorId);
}

[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.PullOperationRecord")]
public sealed class PullOperationRecord
{
    [Id(0)] public string Id { get; set; } = "";

    [Id(1)] public string DataType { get; set; } = "";

    [Id(2)] public string? RefreshId { get; set; }

    [Id(3)] public string ConnectionId { get; set; } = "";

    [Id(4)] public PullOperationStatus Status { get; set; }

    [Id(5)] public DateTimeOffset Requested { get; set; }

    [Id(6)] public DateTimeOffset? Completed { get; set; }

    [Id(7)] public long RecordCount { get; set; }

    /// <summary>The connector its StartPull was sent to; null while no connector is linked.</summary>
    [Id(8)] public string? ConnectorId { get; set; }

    /// <summary>Whether its commit changed the company's data (Codat's <c>recordsModified</c>).</summary>
    [Id(9)] public bool RecordsModified { get; set; }

    /// <summary>The W3C trace context of the refresh request, handed to the agent with the StartPull.</summary>
    [Id(10)] public string? TraceParent { get; set; }

    /// <summary>
    /// The company's own decision, not the operation's status: a reset or restore happened while it ran, so a commit it
    /// makes is never taken into the company's data (it belongs to a generation that is gone).
    /// </summary>
    [Id(11)] public bool CommitRefused { get; set; }

    /// <summary>The integrator asked for the whole data type; kept here because this record is the request's only durable copy until the pull starts.</summary>
    [Id(12)] public bool FullSync { get; set; }
}

[GenerateSerializer, Alias("Ledgerlink.Grains.Companies.DataTypeState")]
public sealed class DataTypeState
{
    [Id(0)] public PullOperationStatus CurrentStatus { get; set; }

    // The JSON names are those from before the rename, so company states stored earlier still load.
    [Id(1), JsonPropertyName("LatestSyncId")] public string? LatestPullOperationId { get; set; }

    [Id(2), JsonPropertyName("LatestSuccessfulSyncId")] public string? LatestSuccessfulPullOperationId { get; set; }

    [Id(3)] public DateTimeOffset? LastSuccessfulSync { get; set; }

    /// <summary>The dataset readers see. It moves only when a newer dataset is committed.</summary>
    [Id(4)] public CommittedDataset? Committed { get; set; }
}
