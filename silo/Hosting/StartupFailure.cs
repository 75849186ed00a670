namespace Ledgerlink.Silo.Hosting;

/// <summary>Finds the message a person can act on inside the exception that stopped the silo from starting.</summary>
public static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        // Orleans wraps lifecycle failures; the innermost Ledgerlink or configuration message is the useful one.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Orleans.Runtime.OrleansConfigurationException
                || (e is InvalidOperationException && e.Message.StartsWith("Blob grain storage", StringComparison.Ordinal)))
            {
                return e.Message;
            }
        }

        return exception.GetBaseException().Message;
    }
}
