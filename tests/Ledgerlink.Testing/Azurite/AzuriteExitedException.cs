namespace Ledgerlink.Testing.Azurite;

/// <summary>Azurite stopped before it served: most often because another process took its port first.</summary>
public sealed class AzuriteExitedException(int port, int exitCode)
    : InvalidOperationException($"Azurite exited with code {exitCode} before serving on port {port}.");
