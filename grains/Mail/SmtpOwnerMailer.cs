using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ledgerlink.Grains.Mail;

/// <summary>Sends through the configured SMTP server with MailKit, one connection per message (confirmations are rare).</summary>
public sealed partial class SmtpOwnerMailer(IOptions<MailOptions> options, ILogger<SmtpOwnerMailer> logger) : IOwnerMailer
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, Socket(settings.Tls), timeout.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            LogSent(logger, MaskedAddress(to), subject);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, settings.SmtpHost, settings.SmtpPort, e.GetType().Name);
            throw new MailUnavailableException($"The mail server at {settings.SmtpHost}:{settings.SmtpPort} did not take the message.");
        }
    }

    /// <summary>"o***@acme.example": enough to tell owners apart in logs without writing their address down.</summary>
    public static string MaskedAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    private static SecureSocketOptions Socket(MailTls tls) => tls switch
    {
        MailTls.StartTls => SecureSocketOptions.StartTls,
        MailTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailTls.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.None,
    };

    [LoggerMessage(LogLevel.Information, "Sent '{Subject}' to {To}")]
    private static partial void LogSent(ILogger logger, string to, string subject);

    [LoggerMessage(LogLevel.Warning, "Could not send mail through {SmtpHost}:{SmtpPort} ({Error})")]
    private static partial void LogFailed(ILogger logger, string smtpHost, int smtpPort, string error);
}
