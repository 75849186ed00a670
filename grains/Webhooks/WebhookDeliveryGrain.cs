using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Ledgerlink.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>
/// Posts one event to one consumer until it answers 2xx or the attempts run out. Each attempt runs on a one-shot grain
/// timer, so <see cref="Start"/> returns as soon as the delivery is durable and a slow consumer never holds up the
/// publisher. Timers do not outlive an activation: the activation is kept alive while a retry is pending, and a new
/// activation of a pending delivery (after a silo restart, when the delivery log reads it) picks the schedule up again.
/// </summary>
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhookDelivery")] IPersistentState<WebhookDeliveryState> state,
    IHttpClientFactory httpClientFactory,
    IOptions<WebhookDeliveryOptions> options,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain
{
    /// <summary>Longest error text kept per attempt; enough for a socket error, too short to store a response page.</summary>
    private const int MaxErrorLength = 300;

    /// <summary>Slack added to the wait for an attempt, so idle collection cannot slip in between timer and attempt.</summary>
    private static readonly TimeSpan KeepAliveMargin = TimeSpan.FromMinutes(1);

    private readonly WebhookDeliveryOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _unsaved;

    private string DeliveryId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && state.State.Status == WebhookDeliveryStatus.Pending)
        {
            var delay = ScheduleAttempt(state.State.NextAttemptAt);
            WebhookDeliveryLog.Resumed(logger, DeliveryId, delay);
        }

        return Task.CompletedTask;
    }

    public async Task Start(string tenantId, WebhookConsumerInfo consumer, WebhookEvent webhookEvent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (!Uri.TryCreate(consumer.Url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"Webhook {consumer.Id} has no absolute URL.", nameof(consumer));
        }

        if (state.RecordExists)
        {
            // A retried Start (the publisher's call timed out after the write) must not deliver twice.
            if (state.State.Event?.Id == webhookEvent.Id && state.State.Consumer?.Id == consumer.Id)
            {
                return;
            }

            throw new InvalidOperationException(
                $"Delivery {DeliveryId} already carries event {state.State.Event?.Id} to webhook {state.State.Consumer?.Id}.");
        }

        var now = DateTimeOffset.UtcNow;
        state.State = new WebhookDeliveryState
        {
            TenantId = tenantId,
            Consumer = consumer,
            Event = webhookEvent,
            Status = WebhookDeliveryStatus.Pending,
            Created = now,
            NextAttemptAt = now,
        };
        await state.WriteStateAsync();
        WebhookDeliveryLog.Started(logger, DeliveryId, webhookEvent.Id, webhookEvent.EventType, consumer.Id, HostOf(consumer));
        ScheduleAttempt(now);
    }

    public Task<WebhookDeliveryInfo?> Get()
    {
        if (!state.RecordExists || state.State is not { Consumer: { } consumer, Event: { } webhookEvent } delivery)
        {
            return Task.FromResult<WebhookDeliveryInfo?>(null);
        }

        return Task.FromResult<WebhookDeliveryInfo?>(new WebhookDeliveryInfo(
            DeliveryId, consumer.Id, webhookEvent.Id, webhookEvent.EventType, delivery.Status, [.. delivery.Attempts]));
    }

    private TimeSpan ScheduleAttempt(DateTimeOffset? dueAt)
    {
        var delay = dueAt is { } at ? at - DateTimeOffset.UtcNow : TimeSpan.Zero;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(
            OnTimerAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        DelayDeactivation(delay + _options.RequestTimeout + KeepAliveMargin);
        return delay;
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        // An attempt whose result could not be saved is saved before anything else, so the log never loses an attempt.
        if (_unsaved && !await TrySaveAsync())
        {
            ScheduleAttempt(DateTimeOffset.UtcNow + _options.RetryDelayAfter(1));
            return;
        }

        if (state.State.Status != WebhookDeliveryStatus.Pending)
        {
            return;
        }

        var attempt = await PostAsync(cancellationToken);
        if (attempt is null)
        {
            WebhookDeliveryLog.Interrupted(logger, DeliveryId);
            return;
        }

        Record(attempt);
        _unsaved = true;
        if (!await TrySaveAsync())
        {
            ScheduleAttempt(DateTimeOffset.UtcNow + _options.RetryDelayAfter(1));
            return;
        }

        if (state.State.Status == WebhookDeliveryStatus.Pending)
        {
            ScheduleAttempt(state.State.NextAttemptAt);
        }
    }

    /// <summary>One POST. Null when it was cut short by the activation stopping, which is not the consumer's failure.</summary>
    private async Task<WebhookDeliveryAttempt?> PostAsync(CancellationToken cancellationToken)
    {
        var consumer = state.State.Consumer!;
        var webhookEvent = state.State.Event!;
        var at = DateTimeOffset.UtcNow;
        var timestamp = at.ToUnixTimeSeconds();

        using var request = new HttpRequestMessage(HttpMethod.Post, consumer.Url);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(webhookEvent.PayloadJson));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.IdHeader, webhookEvent.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(
            WebhookSignature.SignatureHeader,
            WebhookSignature.Sign(consumer.SigningSecret, webhookEvent.Id, timestamp, webhookEvent.PayloadJson));

        try
        {
            var client = httpClientFactory.CreateClient(WebhookDeliveryOptions.HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookDeliveryAttempt(at, (int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            return new WebhookDeliveryAttempt(
                at, null, $"No response within {_options.RequestTimeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            return new WebhookDeliveryAttempt(at, null, Describe(e, consumer));
        }
    }

    private void Record(WebhookDeliveryAttempt attempt)
    {
        var delivery = state.State;
        var consumer = delivery.Consumer!;
        delivery.Attempts.Add(attempt);
        var count = delivery.Attempts.Count;
        if (attempt.StatusCode is >= 200 and < 300)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.NextAttemptAt = null;
            WebhookDeliveryLog.Delivered(logger, DeliveryId, consumer.Id, count, attempt.StatusCode);
        }
        else if (count >= _options.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            WebhookDeliveryLog.GaveUp(logger, DeliveryId, consumer.Id, HostOf(consumer), count, attempt.StatusCode, attempt.Error);
        }
        else
        {
            var delay = _options.RetryDelayAfter(count);
            delivery.NextAttemptAt = DateTimeOffset.UtcNow + delay;
            WebhookDeliveryLog.AttemptFailed(
                logger, DeliveryId, consumer.Id, HostOf(consumer), count, attempt.StatusCode, attempt.Error, delay);
        }
    }

    private async Task<bool> TrySaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _unsaved = false;
            return true;
        }
        catch (Exception e)
        {
            WebhookDeliveryLog.SaveFailed(logger, e, DeliveryId);
            if (e is InconsistentStateException)
            {
                // Another activation wrote since this one read: only a fresh activation can continue from the stored state.
                DeactivateOnIdle();
            }

            return false;
        }
    }

    /// <summary>The error of a failed attempt, with the consumer's URL cut to its origin: paths and queries may hold tokens.</summary>
    private static string Describe(Exception exception, WebhookConsumerInfo consumer)
    {
        var message = exception is HttpRequestException { HttpRequestError: var kind and not HttpRequestError.Unknown }
            ? $"{kind}: {exception.Message}"
            : $"{exception.GetType().Name}: {exception.Message}";
        if (Uri.TryCreate(consumer.Url, UriKind.Absolute, out var url))
        {
            message = message.Replace(consumer.Url, url.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        }

        return message.Length <= MaxErrorLength ? message : message[..MaxErrorLength];
    }

    private static string HostOf(WebhookConsumerInfo consumer) =>
        Uri.TryCreate(consumer.Url, UriKind.Absolute, out var url) ? url.Authority : "(invalid URL)";
}
