using System.Net.Sockets;
using Azure;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Ledgerlink.Grains.Faults;

/// <summary>
/// Tells a failure of the storage account (down, unreachable, too slow, or a write that lost its ETag race) from
/// everything else, looking through the wrappers Orleans and the Azure SDK put around it (OrleansException,
/// AggregateException after the SDK's retries). One classifier for the grains, the gateway and the HTTP API, so all
/// three agree on what "storage is unavailable, try again" means.
/// </summary>
public static class StorageFaults
{
    public static bool IsStorageFailure(Exception? failure) => Any(failure, e =>
        e is RequestFailedException or InconsistentStateException or HttpRequestException or SocketException
        || e.GetType().Namespace is { } ns && (ns.StartsWith("Azure", StringComparison.Ordinal) || ns == "Orleans.Storage"));

    /// <summary>A silo the call needed was lost or did not answer in time (nothing to do with storage).</summary>
    public static bool IsClusterFailure(Exception? failure) => Any(failure, e =>
        e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException);

    /// <summary>Worth answering "try again shortly": storage or a silo was unavailable.</summary>
    public static bool IsTransient(Exception? failure) => IsStorageFailure(failure) || IsClusterFailure(failure);

    private static bool Any(Exception? failure, Func<Exception, bool> test)
    {
        // Bounded: exception chains are short, but a cycle must not hang the caller.
        for (var depth = 0; failure is not null && depth < 16; depth++)
        {
            if (test(failure))
            {
                return true;
            }

            if (failure is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(inner => Any(inner, test));
            }

            failure = failure.InnerException;
        }

        return false;
    }
}
