namespace Ledgerlink.PullOperations;

public static class PullOperationStatusExtensions
{
    /// <summary>A pull operation in one of these states may still change; a new refresh of its data type is refused.</summary>
    public static bool IsInProgress(this PullOperationStatus status) => status is
        PullOperationStatus.Initial or PullOperationStatus.Queued or PullOperationStatus.Fetching or
        PullOperationStatus.MapQueued or PullOperationStatus.Mapping or PullOperationStatus.ProcessingQueued or
        PullOperationStatus.Processing or PullOperationStatus.ValidationQueued or PullOperationStatus.Validating;

    public static bool IsErrored(this PullOperationStatus status) => status is
        PullOperationStatus.FetchError or PullOperationStatus.MapError or PullOperationStatus.InternalError or
        PullOperationStatus.ProcessingError or PullOperationStatus.ValidationError or PullOperationStatus.AuthError or
        PullOperationStatus.NotSupported or PullOperationStatus.RateLimitError or PullOperationStatus.PermissionsError or
        PullOperationStatus.PrerequisiteNotMet;
}
