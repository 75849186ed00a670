using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

internal static partial class IncrementalLog
{
    [LoggerMessage(60, LogLevel.Information, "Pull {PullOperationId} ({DataType}): delta on committed dataset {BaseDatasetId} (nothing changed in Sage: {Unchanged})")]
    public static partial void DeltaPlanned(ILogger logger, string pullOperationId, string dataType, string baseDatasetId, bool unchanged);

    [LoggerMessage(61, LogLevel.Information, "Pull {PullOperationId} ({DataType}): full sync, because {Reason}")]
    public static partial void FullSyncPlanned(ILogger logger, string pullOperationId, string dataType, string reason);

    [LoggerMessage(62, LogLevel.Information, "Pull {PullOperationId} ({DataType}): reading {Transactions} changed or affected transactions, not the whole audit trail")]
    public static partial void DeltaScoped(ILogger logger, string pullOperationId, string dataType, int transactions);

    [LoggerMessage(63, LogLevel.Information, "Probed the Sage company for its watermark in {Milliseconds} ms ({Headers} transactions and {UsageSplits} allocated splits modified since the committed version's {Since})")]
    public static partial void WatermarkProbed(ILogger logger, long milliseconds, int headers, int usageSplits, string since);

    [LoggerMessage(64, LogLevel.Information, "Searched the audit trail for changed transactions in {Milliseconds} ms: {Transactions} to read")]
    public static partial void ChangesSearched(ILogger logger, long milliseconds, int transactions);

    [LoggerMessage(65, LogLevel.Information, "Bank balances built on the postings the committed version's read kept: {Postings} postings on {Accounts} bank accounts, only the changed transactions' read again")]
    public static partial void BankLedgerBuiltOn(ILogger logger, int postings, int accounts);

    [LoggerMessage(66, LogLevel.Information, "Bank balances from every posting on the bank accounts: {Postings} postings on {Accounts} bank accounts, kept for the next delta")]
    public static partial void BankLedgerRead(ILogger logger, int postings, int accounts);
}
