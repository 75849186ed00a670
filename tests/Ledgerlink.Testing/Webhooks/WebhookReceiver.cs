using System.Collections.Concurrent;
using System.Text;
using Ledgerlink.Grains.Webhooks;
using Ledgerlink.Testing.Polling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Testing.Webhooks;

/// <summary>A webhook as it arrived: the signing headers and the raw body, as a consumer would verify them.</summary>
public sealed record ReceivedWebhook(
    string? Id, string? Timestamp, string? Signature, string? ContentType, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) standing in for integrators' webhook endpoints. Each test
/// opens its own endpoint path, decides what each request is answered, and waits for requests without sleeping.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReceiverEndpoint> _endpoints = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.Single());
        return receiver;
    }

    /// <summary>
    /// A new endpoint. <paramref name="respond"/> gets the 1-based number of each request and its content and returns the
    /// status code to answer; it may wait (to hold a request open).
    /// </summary>
    public ReceiverEndpoint Open(string name, Func<int, ReceivedWebhook, Task<int>>? respond = null)
    {
        var endpoint = new ReceiverEndpoint(
            new Uri(BaseAddress, $"/hooks/{name}"), respond ?? ((_, _) => Task.FromResult(StatusCodes.Status200OK)));
        if (!_endpoints.TryAdd(name, endpoint))
        {
            throw new InvalidOperationException($"Endpoint {name} is already open.");
        }

        return endpoint;
    }

    public ReceiverEndpoint Open(string name, params int[] statusCodes) =>
        Open(name, (number, _) => Task.FromResult(statusCodes[Math.Min(number, statusCodes.Length) - 1]));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(string name, HttpRequest request)
    {
        if (!_endpoints.TryGetValue(name, out var endpoint))
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var received = new ReceivedWebhook(
            request.Headers[WebhookSignature.IdHeader].SingleOrDefault(),
            request.Headers[WebhookSignature.TimestampHeader].SingleOrDefault(),
            request.Headers[WebhookSignature.SignatureHeader].SingleOrDefault(),
            request.ContentType,
            await reader.ReadToEndAsync(),
            DateTimeOffset.UtcNow);
        return Results.StatusCode(await endpoint.ReceiveAsync(received));
    }
}

/// <summary>One endpoint path of a <see cref="WebhookReceiver"/>: what reached it, and a way to wait for more.</summary>
public sealed class ReceiverEndpoint(Uri url, Func<int, ReceivedWebhook, Task<int>> respond)
{
    private readonly Lock _lock = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly List<(int Count, TaskCompletionSource<IReadOnlyList<ReceivedWebhook>> Done)> _waiters = [];

    public Uri Url { get; } = url;

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived; times out generously as a safety net only.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<IReadOnlyList<ReceivedWebhook>>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_received.Count >= count)
            {
                return Task.FromResult<IReadOnlyList<ReceivedWebhook>>([.. _received]);
            }

            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(timeout ?? Eventually.DefaultTimeout);
    }

    internal Task<int> ReceiveAsync(ReceivedWebhook received)
    {
        int number;
        lock (_lock)
        {
            _received.Add(received);
            number = _received.Count;
            foreach (var waiter in _waiters.Where(waiter => waiter.Count <= number).ToList())
            {
                waiter.Done.TrySetResult([.. _received]);
                _waiters.Remove(waiter);
            }
        }

        return respond(number, received);
    }
}
