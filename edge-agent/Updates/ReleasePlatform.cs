using System.Runtime.InteropServices;
using Ledgerlink.Releases;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// Which file of a release this machine installs: named by platform, as the link page offers them
/// (<c>win-x64.zip</c>, <c>linux-x64.tar.gz</c>).
/// </summary>
public static class ReleasePlatform
{
    /// <summary><c>win-x64</c> or <c>linux-x64</c>; null on a platform no release is built for.</summary>
    public static string? Current { get; } = RuntimeInformation.OSArchitecture != Architecture.X64 ? null
        : OperatingSystem.IsWindows() ? "win-x64"
        : OperatingSystem.IsLinux() ? "linux-x64"
        : null;

    /// <summary>The release file for <paramref name="platform"/>: its name starts with the platform and is an archive the agent unpacks.</summary>
    public static ReleaseFile? Pick(IReadOnlyList<ReleaseFile> files, string? platform) => platform is null
        ? null
        : files.FirstOrDefault(f => f.Name.StartsWith(platform, StringComparison.OrdinalIgnoreCase) && ReleaseArchive.IsSupported(f.Name));
}
