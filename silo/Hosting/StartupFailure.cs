namespace Ledgerlink.Silo.Hosting;

/// <summary>Finds the message a person can act on inside the exception that stopped the silo from starting.</summary>
public static class StartupFailure
{
    // The start-up checks of our own storage components; whichever runs first reports.
    private static readonly string[] OwnStartupMessages = ["Blob grain storage", "Dataset store"];

    public static string Describe(Exception exception)
    {
        // Orleans wraps lifecycle failures; the innermost Ledgerlink or configuration message is the useful one.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Orleans.Runtime.OrleansConfigurationException
                || (e is InvalidOperationException && OwnStartupMessages.Any(m => e.Message.StartsWith(m, StringComparison.Ordinal))))
            {
                return e.Message;
            }
        }

        return exception.GetBaseException().Message;
    }
}
