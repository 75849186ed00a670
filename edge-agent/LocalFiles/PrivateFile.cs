using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;

namespace Ledgerlink.EdgeAgent.LocalFiles;

/// <summary>
/// Files only the user running the agent may read: created 0600 (folders 0700, enforced on every start) on Linux and
/// macOS, and replaced atomically so a crash never leaves half a file. On Windows a folder gets explicit ACLs (the
/// account the agent runs as, SYSTEM and Administrators; nothing inherited), since a service's data folder under
/// ProgramData would otherwise inherit read access for every user of the PC.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            RestrictOnWindows(Directory.CreateDirectory(folder));
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerFolder);
        }
        else if (File.GetUnixFileMode(folder) != OwnerFolder)
        {
            // A folder made by an older version, or loosened by hand: tighten it again.
            File.SetUnixFileMode(folder, OwnerFolder);
        }
    }

    [SupportedOSPlatform("windows")]
    private static void RestrictOnWindows(DirectoryInfo folder)
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        var owners = new[]
        {
            WindowsIdentity.GetCurrent().User!,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
        foreach (var owner in owners.Distinct())
        {
            security.AddAccessRule(new FileSystemAccessRule(owner, FileSystemRights.FullControl,
                InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit, PropagationFlags.None, AccessControlType.Allow));
        }

        folder.SetAccessControl(security);
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
