namespace Ledgerlink.Testing.Azurite;

/// <summary>
/// One Azurite per test collection (xunit <c>ICollectionFixture</c>): started on first use, stopped at the end if this
/// fixture started it. Each test isolates itself with its own container names.
/// </summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite fixture not initialised.");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A container name no other test uses: lowercase, 3-63 characters.</summary>
    public static string UniqueContainerName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>An Azure table name of its own (letters and digits only), e.g. for one test silo's reminders.</summary>
    public static string UniqueTableName(string prefix = "reminders") => $"{prefix}{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
