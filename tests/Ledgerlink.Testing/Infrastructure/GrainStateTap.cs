using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// Sits in the grain storage provider's blob pipeline of an in-process silo: records every grain-state request (which
/// blob, read or write, completed or not) and, when told, fails a write before it reaches storage or loses its answer
/// after storage took it (what a silo killed between its write and its answer leaves behind). Blobs are named after
/// their grain type (<c>company-…</c>, <c>pullOperation-…</c>, <c>connector-…</c>), which is what the predicates see.
/// </summary>
public sealed class GrainStateTap : HttpPipelinePolicy
{
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<(string Blob, string Method)> _completed = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Writes to a blob it matches fail before they are sent: storage never sees them.</summary>
    public Func<string, bool>? FailWrite { get; set; }

    /// <summary>Writes to a blob it matches reach storage, then fail as if the answer had been lost.</summary>
    public Func<string, bool>? LoseWriteAnswer { get; set; }

    /// <summary>Writes to a blob it matches wait until <see cref="ReleaseHeld"/> (a minute at most) before they are sent.</summary>
    public Func<string, bool>? HoldWrite { get; set; }

    /// <summary>Every grain-state request storage answered, in order: blob name (from the grain type on) and HTTP method.</summary>
    public IReadOnlyList<(string Blob, string Method)> Completed => _completed.ToArray();

    public void Clear() => _completed.Clear();

    /// <summary>A company grain's state blob (for <see cref="FailWrite"/> and the like).</summary>
    public static bool IsCompany(string blob) => blob.StartsWith("company-", StringComparison.OrdinalIgnoreCase);

    public static bool IsConnector(string blob) => blob.StartsWith("connector-", StringComparison.OrdinalIgnoreCase);

    public static bool IsPullOperation(string blob) => blob.StartsWith("pullOperation-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Requests as "METHOD blob; …", for an assertion's message.</summary>
    public static string Describe(IEnumerable<(string Blob, string Method)> requests) =>
        string.Join("; ", requests.Select(r => $"{r.Method} {r.Blob}"));

    public void ReleaseHeld() => _release.TrySetResult();

    /// <summary>Puts <paramref name="tap"/> into the default grain storage of the silo these services build.</summary>
    public static Action<IServiceCollection> Install(GrainStateTap tap, string storageConnectionString) => services =>
        services.PostConfigure<AzureBlobStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options =>
        {
            var client = options.ClientOptions ?? new BlobClientOptions();
            client.AddPolicy(tap, HttpPipelinePosition.PerCall);
            options.ClientOptions = client;
            options.BlobServiceClient = new BlobServiceClient(storageConnectionString, client);
        });

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The grain storage provider calls storage asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var blob = BlobOf(message.Request.Uri.Path);
        var method = message.Request.Method.Method;
        var write = method == RequestMethod.Put.Method;
        if (write && FailWrite?.Invoke(blob) == true)
        {
            throw new RequestFailedException(503, $"Injected: storage refused the write of {blob}.");
        }

        if (write && HoldWrite?.Invoke(blob) == true)
        {
            await _release.Task.WaitAsync(HoldLimit);
        }

        await ProcessNextAsync(message, pipeline);
        _completed.Enqueue((blob, method));
        if (write && message.Response.Status < 300 && LoseWriteAnswer?.Invoke(blob) == true)
        {
            throw new RequestFailedException(503, $"Injected: the write of {blob} reached storage but its answer was lost.");
        }
    }

    /// <summary>The blob's name inside its container: the path after the account and container segments.</summary>
    private static string BlobOf(string path)
    {
        var segments = Uri.UnescapeDataString(path).TrimStart('/').Split('/', 3);
        return segments.Length == 3 ? segments[2] : string.Join('/', segments);
    }
}
