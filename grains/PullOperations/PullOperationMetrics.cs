using System.Diagnostics.Metrics;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Grains.PullOperations;

/// <summary>
/// What an operator watches of syncs (docs/operations.md): pull operations started, completed and failed per data
/// type, records and compressed bytes ingested, and how long storing one batch takes.
/// </summary>
public sealed class PullOperationMetrics
{
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _records;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _batchDuration;

    public PullOperationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(LedgerlinkMeter.Name);
        _started = meter.CreateCounter<long>("ledgerlink.syncs.started", "{sync}", "Pull operations that started fetching, per data type.");
        _finished = meter.CreateCounter<long>("ledgerlink.syncs.finished", "{sync}", "Pull operations that ended, per data type and status (Complete, Cancelled, failure statuses).");
        _records = meter.CreateCounter<long>("ledgerlink.records.ingested", "{record}", "Records stored from agents' batches, per data type.");
        _bytes = meter.CreateCounter<long>("ledgerlink.bytes.ingested", "By", "Compressed batch bytes stored, per data type.");
        _batchDuration = meter.CreateHistogram<double>("ledgerlink.batch.duration", "ms", "Time to check, stage and record one batch.");
    }

    public void Moved(string dataType, PullOperationStatus status)
    {
        var type = new KeyValuePair<string, object?>("data_type", dataType);
        switch (status)
        {
            case PullOperationStatus.Fetching:
                _started.Add(1, type);
                break;
            case PullOperationStatus.Queued:
                break;
            default:
                _finished.Add(1, type, new KeyValuePair<string, object?>("status", status.ToString()));
                break;
        }
    }

    public void BatchStored(string dataType, int records, int bytes, TimeSpan took)
    {
        var type = new KeyValuePair<string, object?>("data_type", dataType);
        _records.Add(records, type);
        _bytes.Add(bytes, type);
        _batchDuration.Record(took.TotalMilliseconds, type);
    }
}
