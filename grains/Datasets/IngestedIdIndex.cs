using System.Buffers;

namespace Ledgerlink.Grains.Datasets;

/// <summary>
/// The id index of a dataset being ingested, built batch by batch from the records the batch check decompresses
/// anyway, so a commit needs no second download and decompression of the whole dataset to index it. It lives in the
/// pull operation's activation only: an activation that did not see every block from the first (reactivated mid-pull,
/// or a block whose state write failed and was acknowledged later as already stored) has no index to offer, and the
/// commit builds it from storage as before.
/// </summary>
public sealed class IngestedIdIndex(long firstBlock)
{
    private readonly DatasetIdIndex.Builder _builder = new();
    private long _nextBlock = firstBlock;
    private bool _incomplete = firstBlock != 0;

    /// <summary>The decompressed records of the batch being checked; reused from batch to batch.</summary>
    public ArrayBufferWriter<byte> Records { get; } = new();

    /// <summary>Indexes <see cref="Records"/> as block <paramref name="sequence"/>, now stored.</summary>
    public void Stored(long sequence)
    {
        if (_incomplete || sequence != _nextBlock)
        {
            _incomplete = true;
            return;
        }

        _builder.AddBlock(checked((int)sequence), Records.WrittenSpan);
        _nextBlock++;
    }

    /// <summary>The index of blocks 0 to <paramref name="blockCount"/> - 1, or null when this activation did not see them all.</summary>
    public DatasetIdIndex.Builder? Covering(long blockCount) => !_incomplete && _nextBlock == blockCount ? _builder : null;
}
