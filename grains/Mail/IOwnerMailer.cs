namespace Ledgerlink.Grains.Mail;

/// <summary>Sends one plain email. A failure throws <see cref="MailUnavailableException"/>, without the server's words.</summary>
public interface IOwnerMailer
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken);
}

/// <summary>The mail server could not be reached or refused the message.</summary>
[GenerateSerializer, Alias("Ledgerlink.Grains.Mail.MailUnavailableException")]
public sealed class MailUnavailableException : Exception
{
    public MailUnavailableException()
    {
    }

    public MailUnavailableException(string message)
        : base(message)
    {
    }

    public MailUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
