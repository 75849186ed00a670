using System.Buffers;
using System.Security.Cryptography;
using Ledgerlink.Agents;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>What an existing pull operation refuses in a batch, before anything is stored. Plain rules over its state.</summary>
public static class BatchChecks
{
    /// <summary>Azure's limit on committed blocks per blob.</summary>
    public const int MaxBlocks = 50_000;

    /// <summary>The refusal the agent gets for <paramref name="batch"/>, or null when it is stored (or was already).</summary>
    /// <param name="records">When given, receives a new batch's decompressed records as its content is checked.</param>
    public static BatchAck? Refusal(
        PullOperationState state, string pullOperationId, string connectorId, DatasetBatch batch, LedgerlinkGrainOptions options,
        IBufferWriter<byte>? records = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            return new BatchAck(false, 0, 0, ContinueSync: false, $"pull operation {pullOperationId} does not exist");
        }

        return Reason(state, connectorId, batch, options, records) is { } reason ? state.Ack(accepted: false, reason) : null;
    }

    /// <summary>Why <paramref name="batch"/> from <paramref name="connectorId"/> is refused, or null when it is stored (or was already).</summary>
    public static string? Reason(
        PullOperationState state, string connectorId, DatasetBatch batch, LedgerlinkGrainOptions options, IBufferWriter<byte>? records = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        if (state.Status == PullOperationStatus.Queued)
        {
            return "the pull operation has not been started; call StartPull first";
        }

        if (state.Status != PullOperationStatus.Fetching)
        {
            return $"the pull operation is {state.Status}";
        }

        if (state.ConnectorId != connectorId)
        {
            return "the pull operation was started by another connector";
        }

        if (batch.Sequence < 0)
        {
            return "sequence must not be negative";
        }

        if (batch.Sequence < state.NextSequence)
        {
            var stored = state.Blocks[checked((int)batch.Sequence)];
            var sameContent = batch.Sha256 is { Length: SHA256.HashSizeInBytes }
                              && string.Equals(stored.Sha256, Convert.ToHexStringLower(batch.Sha256), StringComparison.Ordinal);
            return sameContent ? null : $"batch {batch.Sequence} was already stored with different content";
        }

        if (batch.Sequence > state.NextSequence)
        {
            return $"out of order: expected batch {state.NextSequence}, got {batch.Sequence}";
        }

        return ContentRefusal(batch, options, records);
    }

    private static string? ContentRefusal(DatasetBatch batch, LedgerlinkGrainOptions options, IBufferWriter<byte>? records)
    {
        if (batch.Sequence >= MaxBlocks)
        {
            return $"a dataset holds at most {MaxBlocks} batches; send larger batches";
        }

        if (batch.Payload is null || batch.Payload.Length > options.MaxBatchBytes)
        {
            return $"payload is larger than {options.MaxBatchBytes} bytes";
        }

        if (batch.RecordCount < 0)
        {
            return "record count must not be negative";
        }

        if (batch.Sha256 is not { Length: SHA256.HashSizeInBytes }
            || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(batch.Payload), batch.Sha256))
        {
            return "SHA-256 of the payload does not match the batch's hash";
        }

        return GzipBatchInspector.FindProblem(batch.Payload, batch.RecordCount, options.MaxBatchUncompressedBytes, records);
    }
}
