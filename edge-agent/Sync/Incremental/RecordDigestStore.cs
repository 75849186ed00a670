using Ledgerlink.EdgeAgent.LocalFiles;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// Record digests on this PC, one file per committed dataset (<c>{data folder}/digests/{company}/{dataType}/{datasetId}.bin</c>).
/// They are only a cache: a delta is built on them only when the cluster names the same dataset as its committed
/// version, so digests of a version the cluster lost (or never committed) are never used.
/// </summary>
public sealed class RecordDigestStore(string dataFolder)
{
    /// <summary>Files kept per data type: the newest and the one before, in case a commit's answer was lost.</summary>
    private const int Kept = 2;

    public RecordDigests? Load(string companyId, string dataType, string datasetId)
    {
        var path = PathOf(companyId, dataType, datasetId);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        return RecordDigests.ReadFrom(new BufferedStream(file, 1 << 16));
    }

    public void Save(string companyId, string dataType, string datasetId, RecordDigests digests)
    {
        ArgumentNullException.ThrowIfNull(digests);
        var folder = FolderOf(companyId, dataType);
        PrivateFile.EnsureFolder(Path.Combine(dataFolder, "digests"));
        PrivateFile.EnsureFolder(Path.GetDirectoryName(folder)!);
        PrivateFile.EnsureFolder(folder);
        var path = PathOf(companyId, dataType, datasetId);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            digests.WriteTo(file);
        }

        File.Move(temporary, path, overwrite: true);
        foreach (var old in new DirectoryInfo(folder).GetFiles("*.bin").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Kept))
        {
            old.Delete();
        }
    }

    private string FolderOf(string companyId, string dataType) =>
        Path.Combine(dataFolder, "digests", Safe(companyId), Safe(dataType));

    private string PathOf(string companyId, string dataType, string datasetId) =>
        Path.Combine(FolderOf(companyId, dataType), Safe(datasetId) + ".bin");

    private static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
