using System.Threading.Channels;
using Ledgerlink.Agents;
using Ledgerlink.Connectors;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.EdgeAgent.Logging;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Status;
using Ledgerlink.EdgeAgent.Sync.Incremental;
using Ledgerlink.PullOperations;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Sync;

/// <summary>
/// Runs one pull operation: asks the cluster where to start, reads the data type from Sage 50, and streams it as
/// compressed NDJSON batches. Reading, compressing and sending are three stages joined by bounded channels, so they
/// overlap while memory stays at a few batches. A resumed pull skips the records the cluster already stored: readers
/// return records in a fixed order, so what follows is exactly what was not yet sent.
/// </summary>
public sealed class PullRunner(
    AgentOptions options,
    LinkedCompanyStore companies,
    ISage50DataSourceFactory sources,
    Sage50Readers readers,
    ILogger<PullRunner> logger,
    SyncActivity? activity = null)
{
    private readonly ReadPlanner _planner = new(new RecordDigestStore(options.ResolvedDataFolder), new RecentSageProbes(TimeProvider.System), logger);

    public async Task<PullOutcome> RunAsync(IAgentGatewayGrain gateway, AgentCredential credential, AgentCommand command, CancellationToken cancellationToken)
    {
        var pullOperationId = command.PullOperationId ?? throw new ArgumentException("A StartPull command names its dataset.", nameof(command));
        PullLease? lease = null;
        try
        {
            var resume = await gateway.StartPull(credential, pullOperationId).WaitAsync(cancellationToken);
            lease = resume.Lease;
            if (!resume.ContinueSync)
            {
                AgentLog.PullNotNeeded(logger, pullOperationId, resume.DataType);
                return PullOutcome.NotNeeded;
            }

            AgentLog.PullStarted(logger, pullOperationId, LicenceRef.Of(resume.CompanyId), resume.DataType, resume.NextSequence, resume.RecordsStored);
            return await SendAsync(gateway, resume, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AgentLog.PullStopped(logger, pullOperationId);
            return PullOutcome.Cancelled;
        }
        catch (Exception e) when (IsConnectionProblem(e))
        {
            AgentLog.PullInterrupted(logger, pullOperationId, e.GetType().Name, e.Message);
            return PullOutcome.Interrupted;
        }
        catch (AgentAccessDeniedException e)
        {
            AgentLog.PullRefused(logger, pullOperationId, e.Message);
            activity?.Failed(pullOperationId, $"Ledgerlink refused the sync: {e.Message}");
            return PullOutcome.Failed;
        }
        catch (Exception e) when (e is Sage50AccessException or BatchRefusedException or InvalidOperationException or IOException
                                       or Microsoft.Data.Sqlite.SqliteException or ArgumentException)
        {
            AgentLog.PullFailed(logger, pullOperationId, e.Message);
            activity?.Failed(pullOperationId, e.Message);
            await TellFailedAsync(gateway, lease, pullOperationId, e.Message);
            return PullOutcome.Failed;
        }
    }

    private async Task<PullOutcome> SendAsync(IAgentGatewayGrain gateway, PullResumePoint resume, CancellationToken cancellationToken)
    {
        var pullOperationId = resume.PullOperationId;
        var lease = resume.Lease;
        var company = companies.Find(resume.CompanyId)
            ?? throw new InvalidOperationException($"This agent has no Sage 50 company linked for licence {resume.CompanyId}; run 'ledgerlink-agent link' again.");
        var reader = readers.For(resume.DataType);
        await using var source = await sources.OpenAsync(company.Location, cancellationToken);

        var (plan, records, total, scope, filter) = await _planner.PlanAsync(resume, reader, source, company.DataDirectory, cancellationToken);
        activity?.Progressed(pullOperationId, resume.RecordsStored, total, plan.IsDelta);
        if (plan.IsDelta)
        {
            IncrementalLog.DeltaPlanned(logger, pullOperationId, resume.DataType, plan.Base!.DatasetId, plan.Unchanged);
            if (scope is not null)
            {
                IncrementalLog.DeltaScoped(logger, pullOperationId, resume.DataType, scope.Count);
            }
        }
        else
        {
            IncrementalLog.FullSyncPlanned(logger, pullOperationId, resume.DataType, plan.FullSyncReason!);
        }

        using var pipeline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var depth = Math.Max(1, options.PipelineDepth);
        var chunks = Channel.CreateBounded<NdjsonChunk>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        var batches = Channel.CreateBounded<DatasetBatch>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAsync(records, resume.RecordsStored, chunks.Writer, pipeline.Token), CancellationToken.None);
        var compressing = Task.Run(() => CompressAsync(resume.NextSequence, chunks.Reader, batches.Writer, pipeline.Token), CancellationToken.None);

        var stored = resume.RecordsStored;
        var sent = 0L;
        var lastPercent = -1;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(pipeline.Token))
            {
                var ack = await gateway.AppendBatch(lease, batch, pipeline.Token);
                if (!ack.ContinueSync)
                {
                    AgentLog.PullStopped(logger, pullOperationId);
                    return PullOutcome.NotNeeded;
                }

                if (!ack.Accepted)
                {
                    throw new BatchRefusedException(batch.Sequence, ack.Reason);
                }

                stored = ack.RecordsStored;
                sent += batch.RecordCount;
                activity?.Progressed(pullOperationId, stored, total, plan.IsDelta);
                var percent = total > 0 ? (int)Math.Min(99, stored * 100 / total) : 0;
                if (percent != lastPercent)
                {
                    lastPercent = percent;
                    await gateway.ReportProgress(lease, percent).WaitAsync(pipeline.Token);
                }
            }
        }
        catch (ChannelClosedException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            await pipeline.CancelAsync();
            await Task.WhenAll(reading, compressing).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var expected = resume.RecordsStored + sent;
        var completion = new PullCompletion(expected, plan.Watermark, plan.IsDelta ? plan.Base!.DatasetId : null, plan.FullSyncReason, filter.Added, filter.Removed);
        var info = await gateway.CompletePullWith(lease, completion, cancellationToken);
        if (info.Status == PullOperationStatus.Complete)
        {
            // Kept only once committed: the next delta is built on these digests if the cluster names this dataset.
            _planner.KeepDigests(resume.CompanyId, resume.DataType, pullOperationId, filter);
            AgentLog.PullCompleted(logger, pullOperationId, resume.DataType, info.RecordCount);
            return PullOutcome.Completed;
        }

        if (info.Status == PullOperationStatus.Fetching)
        {
            throw new InvalidOperationException(info.StatusDescription ?? "The cluster did not accept the completion.");
        }

        AgentLog.PullStopped(logger, pullOperationId);
        return PullOutcome.NotNeeded;
    }

    private async Task ReadAsync(IAsyncEnumerable<Sage50Record> records, long skip, ChannelWriter<NdjsonChunk> output, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in NdjsonChunker.ChunkAsync(records, skip, options.BatchBytes, cancellationToken))
            {
                await output.WriteAsync(chunk, cancellationToken);
            }

            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private static async Task CompressAsync(long firstSequence, ChannelReader<NdjsonChunk> input, ChannelWriter<DatasetBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            var sequence = firstSequence;
            await foreach (var chunk in input.ReadAllAsync(cancellationToken))
            {
                await output.WriteAsync(BatchCompressor.Compress(sequence++, chunk), cancellationToken);
            }

            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private async Task TellFailedAsync(IAgentGatewayGrain gateway, PullLease? lease, string pullOperationId, string message)
    {
        if (lease is null)
        {
            // Refused before the pull started: the command stays in the outbox and the next attempt starts it again.
            AgentLog.FailReportLost(logger, pullOperationId, "the pull was not started");
            return;
        }

        try
        {
            await gateway.FailPull(lease, message);
        }
        catch (Exception e) when (IsConnectionProblem(e) || e is AgentAccessDeniedException or InvalidOperationException)
        {
            // The command stays in the outbox; the next attempt reports again.
            AgentLog.FailReportLost(logger, pullOperationId, e.Message);
        }
    }

    /// <summary>
    /// The cluster could not be reached or could not answer for now (a lost connection, a silo gone, its storage down):
    /// the work is kept (its command stays in the outbox) and asked for again later, never dropped or failed.
    /// </summary>
    public static bool IsConnectionProblem(Exception e) =>
        e is OrleansException or TimeoutException or System.Net.Sockets.SocketException or ObjectDisposedException
            or AgentCallFailedException { Retryable: true }
        || (e is OperationCanceledException && e.InnerException is TimeoutException);
}
