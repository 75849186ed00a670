using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Webhooks.Targets;
using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>
/// Posts one event to one consumer until it answers 2xx or the attempts run out. Each attempt runs on a one-shot grain
/// timer, so <see cref="Start"/> returns as soon as the delivery is durable and a slow consumer never holds up the
/// publisher. Timers do not outlive an activation: the activation is kept alive while a retry is pending, and a
/// <see cref="WakeUpReminder"/> armed at the start brings a pending delivery back after its silo is lost, so retries
/// resume without anyone reading the delivery log; the reminder is cleared once the delivery is finished.
/// The delivery keeps the consumer's id and URL but not its signing secret: each attempt asks the tenant for the consumer
/// as it is now, so a deleted consumer gets no further attempts and a secret lives in one place only.
/// </summary>
public sealed class WebhookDeliveryGrain(
    [PersistentState("webhookDelivery")] IPersistentState<WebhookDeliveryState> state,
    WebhookPoster poster,
    IOptions<WebhookDeliveryOptions> options,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain, IRemindable
{
    private const string WakeUp = "pending-delivery";

    /// <summary>Slack added to the wait for an attempt, so idle collection cannot slip in between timer and attempt.</summary>
    private static readonly TimeSpan KeepAliveMargin = TimeSpan.FromMinutes(1);

    private readonly WebhookDeliveryOptions _options = options.Value;
    private IGrainTimer? _timer;
    private bool _attemptArmed;
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

        // The alarm first: a delivery that is recorded is then always one a lost silo cannot strand. An alarm without a
        // record (the write below failed) clears itself at its first tick.
        // Its first tick comes after the first attempt has had all its time; while this activation lives, ticks change nothing.
        await WakeUpReminder.SetAsync(this, WakeUp, _options.RequestTimeout);

        var now = DateTimeOffset.UtcNow;
        state.State = new WebhookDeliveryState
        {
            TenantId = tenantId,
            Consumer = consumer with { SigningSecret = string.Empty },
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

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeUp)
        {
            return;
        }

        if (!state.RecordExists || state.State.Status != WebhookDeliveryStatus.Pending)
        {
            await ClearWakeUpAsync();
            return;
        }

        // Normally the activation already holds a timer (OnActivateAsync armed it); re-arm only if it was lost.
        if (!_attemptArmed)
        {
            ScheduleAttempt(state.State.NextAttemptAt);
        }
    }

    private TimeSpan ScheduleAttempt(DateTimeOffset? dueAt)
    {
        var delay = dueAt is { } at ? at - DateTimeOffset.UtcNow : TimeSpan.Zero;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        _timer?.Dispose();
        _attemptArmed = true;
        _timer = this.RegisterGrainTimer(
            OnTimerAsync,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        DelayDeactivation(delay + _options.RequestTimeout + KeepAliveMargin);
        return delay;
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        _attemptArmed = false;

        // An attempt whose result could not be saved is saved before anything else, so the log never loses an attempt.
        if (_unsaved && !await TrySaveAsync())
        {
            ScheduleAttempt(DateTimeOffset.UtcNow + _options.RetryDelayAfter(1));
            return;
        }

        if (state.State.Status != WebhookDeliveryStatus.Pending)
        {
            await ClearWakeUpAsync();
            return;
        }

        WebhookConsumerInfo? current;
        try
        {
            current = await GrainFactory.GetGrain<ITenantGrain>(state.State.TenantId).GetWebhook(state.State.Consumer!.Id);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The tenant could not be asked (silo busy or restarting): not the consumer's failure; try again later.
            ScheduleAttempt(DateTimeOffset.UtcNow + _options.RetryDelayAfter(1));
            return;
        }

        if (current is null)
        {
            // The integrator deleted the consumer: what it no longer wants is not sent, now or later.
            state.State.Status = WebhookDeliveryStatus.Cancelled;
            state.State.NextAttemptAt = null;
            _unsaved = true;
            WebhookDeliveryLog.ConsumerDeleted(logger, DeliveryId, state.State.Consumer.Id);
            if (await TrySaveAsync())
            {
                await ClearWakeUpAsync();
            }
            else
            {
                ScheduleAttempt(DateTimeOffset.UtcNow + _options.RetryDelayAfter(1));
            }

            return;
        }

        var attempt = await poster.PostAsync(current, state.State.Event!, cancellationToken);
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
        else
        {
            await ClearWakeUpAsync();
        }
    }

    /// <summary>Best effort: an alarm that outlives its delivery clears itself at its next tick.</summary>
    private async Task ClearWakeUpAsync()
    {
        try
        {
            await WakeUpReminder.ClearAsync(this, WakeUp);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or Azure.RequestFailedException)
        {
            WebhookDeliveryLog.WakeUpNotCleared(logger, e, DeliveryId);
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

    private static string HostOf(WebhookConsumerInfo consumer) =>
        Uri.TryCreate(consumer.Url, UriKind.Absolute, out var url) ? url.Authority : "(invalid URL)";
}
