namespace Ledgerlink.PullOperations;

/// <summary>Dataset statuses exactly as Codat's Platform API names them.</summary>
[GenerateSerializer]
public enum PullOperationStatus
{
    Initial,
    Queued,
    Fetching,
    MapQueued,
    Mapping,
    Complete,
    FetchError,
    MapError,
    InternalError,
    ProcessingQueued,
    Processing,
    ProcessingError,
    ValidationQueued,
    Validating,
    ValidationError,
    AuthError,
    Cancelled,
    NotSupported,
    RateLimitError,
    PermissionsError,
    PrerequisiteNotMet,
}
