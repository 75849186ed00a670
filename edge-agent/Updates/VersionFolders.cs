using System.Text.Json;
using Ledgerlink.EdgeAgent.LocalFiles;

namespace Ledgerlink.EdgeAgent.Updates;

/// <summary>
/// <c>{data folder}/versions/</c>: one folder per installed version (<c>versions/1.5.0/</c>), the state file both the
/// supervisor and the worker read and write (whole-file replace, so a reader never sees half a file), and the online
/// marker a new version's worker writes after its first hello.
/// </summary>
public sealed class VersionFolders(string dataFolder)
{
    public string Root { get; } = Path.Combine(dataFolder, "versions");

    public string StatePath => Path.Combine(Root, "state.json");

    public string OnlineMarkerPath => Path.Combine(Root, "online");

    public string FolderOf(string version) => Path.Combine(Root, version);

    public string PartialFolderOf(string version) => Path.Combine(Root, version + ".partial");

    public string DownloadPathOf(string version, string fileName) => Path.Combine(Root, $"{version}.download-{fileName}");

    public VersionState Load()
    {
        try
        {
            return PrivateFile.ReadOrNull(StatePath) is { } json
                ? JsonSerializer.Deserialize(json, VersionJsonContext.Default.VersionState) ?? VersionState.Empty
                : VersionState.Empty;
        }
        catch (JsonException)
        {
            // A damaged state file must not stop the agent: it runs the installed version, which always works.
            return VersionState.Empty;
        }
    }

    public void Save(VersionState state) => PrivateFile.Write(StatePath, JsonSerializer.Serialize(state, VersionJsonContext.Default.VersionState));

    /// <summary>Reads, changes and writes the state file; returns what was written.</summary>
    public VersionState Change(Func<VersionState, VersionState> change)
    {
        var changed = change(Load());
        Save(changed);
        return changed;
    }

    /// <summary>Deletes every version folder (and leftover partial or download) that <paramref name="state"/> does not keep.</summary>
    public void DeleteUnkept(VersionState state)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        var kept = state.Kept();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var name = Path.GetFileName(folder);
            if (!kept.Contains(name))
            {
                TryDelete(folder);
            }
        }

        foreach (var file in Directory.EnumerateFiles(Root, "*.download-*"))
        {
            TryDelete(file);
        }
    }

    /// <summary>True when <paramref name="version"/> has a folder with a worker in it.</summary>
    public bool IsInstalled(string version) => WorkerLaunch.FindIn(FolderOf(version)) is not null;

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked by an antivirus scan or a process still closing: the next clean-up tries again.
        }
    }
}
