namespace Ledgerlink.Grains.Mail;

/// <summary>The <c>Ledgerlink:Mail</c> settings: the SMTP server owner confirmations go out through, and where links point.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Ledgerlink:Mail";

    /// <summary>maildev's default SMTP address, which <c>./run.sh</c> starts.</summary>
    public string SmtpHost { get; set; } = "127.0.0.1";

    public int SmtpPort { get; set; } = 1025;

    /// <summary><c>None</c> (local maildev), <c>StartTls</c> (required), <c>SslOnConnect</c> (port 465) or <c>Auto</c>.</summary>
    public MailTls Tls { get; set; } = MailTls.None;

    public string? UserName { get; set; }

    /// <summary>SMTP password; never logged.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "Ledgerlink <no-reply@ledgerlink.local>";

    /// <summary>
    /// The address owners' browsers reach the confirm page at (<c>{PublicBaseUrl}/owner/confirmations/{id}</c>). Defaults to
    /// <c>Ledgerlink:Api:PublicBaseUrl</c>, then to the address the silo's HTTP API listens on.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

public enum MailTls
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}
