using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Ledgerlink.EdgeAgent.Updates;

namespace Ledgerlink.Tests.Updates;

/// <summary>
/// Unpacking a release never writes outside the version's folder: absolute paths, <c>..</c> and links refuse the whole
/// archive (tar.gz and zip), while an ordinary archive unpacks with its folders and its executable bit.
/// </summary>
public sealed class ReleaseArchiveTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-archive-{Guid.NewGuid():N}");

    public ReleaseArchiveTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task An_ordinary_tar_gz_unpacks_with_folders_and_the_executable_bit()
    {
        var archive = TarGz(("./ledgerlink-agent", "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), ("runtimes/linux-x64/native/lib.so", "x", null));
        var destination = Path.Combine(_folder, "1.5.0.partial");

        Assert.Null(await ReleaseArchive.ExtractAsync(archive, "linux-x64.tar.gz", destination, CancellationToken.None));

        Assert.Equal("#!/bin/sh\n", await File.ReadAllTextAsync(Path.Combine(destination, "ledgerlink-agent")));
        Assert.True(File.Exists(Path.Combine(destination, "runtimes", "linux-x64", "native", "lib.so")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(Path.Combine(destination, "ledgerlink-agent")).HasFlag(UnixFileMode.UserExecute));
        }
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("bin/../../escaped")]
    [InlineData("/tmp/escaped-absolute")]
    [InlineData("..\\escaped")]
    public async Task A_tar_gz_entry_leaving_the_folder_refuses_the_archive(string name)
    {
        var archive = TarGz(("ledgerlink-agent", "ok", null), (name, "evil", null));
        var destination = Path.Combine(_folder, "v", "1.5.0.partial");

        var refusal = await ReleaseArchive.ExtractAsync(archive, "linux-x64.tar.gz", destination, CancellationToken.None);

        Assert.Contains("outside the version's folder", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "v", "escaped")));
        Assert.False(File.Exists(Path.Combine(_folder, "escaped")));
        Assert.False(File.Exists("/tmp/escaped-absolute"));
    }

    [Fact]
    public async Task A_symbolic_link_refuses_the_archive()
    {
        var path = Path.Combine(_folder, "link.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "ledgerlink-agent") { LinkName = "/bin/sh" });
        }

        var refusal = await ReleaseArchive.ExtractAsync(path, "linux-x64.tar.gz", Path.Combine(_folder, "out"), CancellationToken.None);

        Assert.Contains("SymbolicLink", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_entry_leaving_the_folder_refuses_the_archive()
    {
        var path = Path.Combine(_folder, "win-x64.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("ledgerlink-agent.exe").Open()))
            {
                writer.Write("ok");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("../escaped.dll").Open()))
            {
                writer.Write("evil");
            }
        }

        var refusal = await ReleaseArchive.ExtractAsync(path, "win-x64.zip", Path.Combine(_folder, "out"), CancellationToken.None);

        Assert.Contains("outside the version's folder", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "escaped.dll")));
    }

    [Fact]
    public async Task Bytes_that_are_not_an_archive_are_refused_in_words()
    {
        var path = Path.Combine(_folder, "linux-x64.tar.gz");
        await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes("this is not gzip"));

        var refusal = await ReleaseArchive.ExtractAsync(path, "linux-x64.tar.gz", Path.Combine(_folder, "out"), CancellationToken.None);

        Assert.Contains("not a readable archive", refusal, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string TarGz(params (string Name, string Content, UnixFileMode? Mode)[] entries)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.tar.gz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, content, mode) in entries)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
            if (mode is { } m)
            {
                entry.Mode = m;
            }

            tar.WriteEntry(entry);
        }

        return path;
    }
}
