using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Ledgerlink.Grains.Webhooks.Targets;

/// <summary>
/// Decides where a webhook may go, at registration and again at every connection. A consumer's URL must be https and
/// its host must resolve to public addresses only; the hosts an operator lists in
/// <see cref="WebhookDeliveryOptions.AllowedInsecureHosts"/> may use http and private addresses (local development,
/// tests). The connection itself is made here, to the address that was checked, so a DNS answer that changes between
/// the check and the connect (DNS rebinding) cannot send the request elsewhere.
/// </summary>
public sealed class WebhookTargets(IWebhookHostResolver resolver, IOptions<WebhookDeliveryOptions> options)
{
    public const string AddressNotAllowed = "address not allowed";
    public const string HttpsRequired = "https required";

    /// <summary>How long registration waits for DNS before accepting the name (every connection checks it again).</summary>
    private static readonly TimeSpan RegistrationLookupTimeout = TimeSpan.FromSeconds(3);

    private readonly HashSet<string> _insecureHosts = new(
        options.Value.AllowedInsecureHosts.Select(Normalize), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Null when <paramref name="url"/> may be registered, else why not (safe to show the integrator). Names that do not
    /// resolve now are accepted: where they lead is checked again at every connection.
    /// </summary>
    public async Task<string?> CheckRegistrationAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "the URL must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "the URL must not carry a user name or password";
        }

        var host = Normalize(uri.Host);
        if (IsInsecureAllowed(host))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return HttpsRequired;
        }

        IPAddress[] addresses;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RegistrationLookupTimeout);
        try
        {
            addresses = await ResolveAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return addresses.Any(address => !WebhookAddressPolicy.IsAllowed(address)) ? AddressNotAllowed : null;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook client.</summary>
    /// <exception cref="WebhookTargetRefusedException">The scheme or an address the host resolves to is not allowed.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = Normalize(context.DnsEndPoint.Host);
        var insecureAllowed = IsInsecureAllowed(host);
        if (!insecureAllowed && context.InitialRequestMessage.RequestUri?.Scheme != Uri.UriSchemeHttps)
        {
            throw new WebhookTargetRefusedException(HttpsRequired);
        }

        var addresses = await ResolveAsync(host, cancellationToken);

        // One forbidden answer refuses the host: a name mixing public and private answers is an attack, not an accident.
        if (addresses.Length == 0 || (!insecureAllowed && addresses.Any(address => !WebhookAddressPolicy.IsAllowed(address))))
        {
            throw new WebhookTargetRefusedException(AddressNotAllowed);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    public bool IsInsecureAllowed(string host) => _insecureHosts.Contains(Normalize(host));

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);

    /// <summary>A URL's host as compared and resolved: without IPv6 brackets or a trailing dot, lower case.</summary>
    private static string Normalize(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.').ToLowerInvariant();
}
