using System.Formats.Tar;
using System.IO.Compression;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// Unpacks a verified release archive (<c>.tar.gz</c> or <c>.zip</c>) into a folder. Even a signed archive may not
/// write outside it: an entry with an absolute path or <c>..</c>, or a link, refuses the whole archive.
/// </summary>
public static class ReleaseArchive
{
    public static bool IsSupported(string fileName) =>
        fileName.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Unpacks <paramref name="archive"/> (named <paramref name="fileName"/>) into <paramref name="destination"/>; returns why not, or null.</summary>
    public static async Task<string?> ExtractAsync(string archive, string fileName, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination)) + Path.DirectorySeparatorChar;
        try
        {
            return fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? ExtractZip(archive, root)
                : await ExtractTarGzAsync(archive, root, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return $"{fileName} is not a readable archive ({e.Message}).";
        }
    }

    /// <summary>The full path <paramref name="entryName"/> unpacks to under <paramref name="root"/> (ending in a separator), or null when it would leave it.</summary>
    public static string? Resolve(string root, string entryName)
    {
        if (string.IsNullOrEmpty(entryName) || entryName.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var relative = entryName.Replace('\\', '/');
        if (relative.StartsWith('/') || relative.Contains(':', StringComparison.Ordinal) || relative.Split('/').Contains(".."))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        var inside = full.StartsWith(root, StringComparison.Ordinal) || full + Path.DirectorySeparatorChar == root;
        return inside ? full : null;
    }

    private static async Task<string?> ExtractTarGzAsync(string archive, string root, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var target = Resolve(root, entry.Name);
            if (target is null)
            {
                return $"archive entry '{entry.Name}' would be written outside the version's folder.";
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await entry.ExtractToFileAsync(target, overwrite: false, cancellationToken);
                    break;
                default:
                    return $"archive entry '{entry.Name}' is a {entry.EntryType}, which a release may not hold (only files and folders).";
            }
        }

        return null;
    }

    private static string? ExtractZip(string archive, string root)
    {
        using var zip = ZipFile.OpenRead(archive);
        foreach (var entry in zip.Entries)
        {
            var target = Resolve(root, entry.FullName);
            if (target is null)
            {
                return $"archive entry '{entry.FullName}' would be written outside the version's folder.";
            }

            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: false);
        }

        return null;
    }
}
