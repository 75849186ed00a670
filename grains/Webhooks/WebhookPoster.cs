using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Ledgerlink.Grains.Webhooks.Targets;
using Ledgerlink.Tenants;
using Ledgerlink.Webhooks;

namespace Ledgerlink.Grains.Webhooks;

/// <summary>
/// Makes one signed delivery attempt: the event's JSON POSTed to the consumer's URL through the SSRF-safe webhook
/// client, with the id, timestamp and signature headers, and the outcome in words safe to show the integrator.
/// </summary>
public sealed class WebhookPoster(IHttpClientFactory httpClientFactory)
{
    /// <summary>One POST. Null when it was cut short by the activation stopping, which is not the consumer's failure.</summary>
    public async Task<WebhookDeliveryAttempt?> PostAsync(WebhookConsumerInfo consumer, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
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
            var code = (int)response.StatusCode;

            // The status class only: the consumer's body is never read, so it cannot be stored or shown.
            return new WebhookDeliveryAttempt(at, code, code is >= 200 and < 300 ? null : $"HTTP {code / 100}xx");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            return new WebhookDeliveryAttempt(at, null, "timeout");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            return new WebhookDeliveryAttempt(at, null, Describe(e));
        }
    }

    /// <summary>
    /// A failed attempt's error in a few generic words. Socket messages, addresses and remote text stay out of the
    /// delivery log, which the integrator reads: it must not work as a scanner of the silo's network.
    /// </summary>
    private static string Describe(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookTargetRefusedException refused:
                    return refused.Message;
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return "address not resolved";
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return "timeout";
                case System.Security.Authentication.AuthenticationException:
                    return "TLS handshake failed";
            }
        }

        return exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            ? "address not resolved"
            : "connection failed";
    }
}
