using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Tests.Infrastructure;

/// <summary>A real HTTP endpoint (Kestrel on a free loopback port) that records every webhook POSTed to it.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookListener(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedWebhook> All { get; } = new();

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var received = new ReceivedWebhook(
                request.Headers["webhook-id"].ToString(),
                request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(),
                body);
            listener.All.Enqueue(received);
            listener._received.Writer.TryWrite(received);
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        listener.Url = new Uri(new Uri(address), "/hook");
        return listener;
    }

    public async Task<ReceivedWebhook> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);
