namespace Ledgerlink.Grains.Mail;

/// <summary>
/// Builds the links in confirmation emails. The base is <see cref="MailOptions.PublicBaseUrl"/> when set; otherwise the
/// host fills it in once its HTTP server listens (<see cref="UseListeningAddress"/>).
/// </summary>
public sealed class ConfirmationLinks(Microsoft.Extensions.Options.IOptions<MailOptions> options)
{
    private Uri? _listening;

    public Uri BaseUrl => options.Value.PublicBaseUrl ?? _listening ?? new Uri("http://127.0.0.1:5080/");

    public void UseListeningAddress(Uri address) => _listening = address;

    public Uri ConfirmPage(string confirmationId, string code) =>
        new(BaseUrl, $"owner/confirmations/{Uri.EscapeDataString(confirmationId)}?code={Uri.EscapeDataString(code)}");
}
