using System.Text;

namespace Ledgerlink.EdgeAgent.Hosting;

/// <summary>
/// Files only the user running the agent may read: created 0600 (folders 0700) on Linux and macOS, and replaced
/// atomically so a crash never leaves half a file. On Windows the user profile's ACLs already restrict LocalAppData.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerFolder);
        }
    }

    public static void Write(string path, string content)
    {
        EnsureFolder(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; make sure a leftover temporary file is private too.
            File.SetUnixFileMode(temporary, OwnerFile);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;
}
