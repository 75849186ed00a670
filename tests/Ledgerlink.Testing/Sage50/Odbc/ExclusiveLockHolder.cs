using System.Diagnostics;

namespace Ledgerlink.Testing.Sage50.Odbc;

/// <summary>
/// Another process (the sqlite3 shell) holding a demo company's file exclusively, as Sage does while it backs up,
/// restores or repairs a company. It must be another process: SQLite's POSIX locks do not exclude a second SQLite
/// library loaded in the same process (the ODBC driver brings its own), so an in-process holder would prove nothing.
/// </summary>
public sealed class ExclusiveLockHolder : IDisposable
{
    private readonly Process _shell;

    private ExclusiveLockHolder(Process shell) => _shell = shell;

    public static async Task<ExclusiveLockHolder> HoldAsync(string databaseFile)
    {
        var shell = Process.Start(new ProcessStartInfo("sqlite3", ["-batch", databaseFile])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("sqlite3 did not start");
        var holder = new ExclusiveLockHolder(shell);
        await shell.StandardInput.WriteLineAsync("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM AUDIT_HEADER; SELECT 'locked';");
        await shell.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await shell.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "locked")
            {
                return holder;
            }
        }

        holder.Dispose();
        throw new InvalidOperationException($"sqlite3 could not lock {databaseFile}: {await shell.StandardError.ReadToEndAsync()}");
    }

    public void Dispose()
    {
        if (!_shell.HasExited)
        {
            _shell.StandardInput.Close();
            if (!_shell.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _shell.Kill();
            }
        }

        _shell.Dispose();
    }
}
