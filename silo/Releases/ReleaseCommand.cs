using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Releases;

namespace Ledgerlink.Silo.Releases;

/// <summary>
/// <c>ledgerlink-silo release …</c>, run on the operator's machine, never inside a silo:
/// <list type="bullet">
/// <item><c>keygen --out DIR</c>: a new ECDSA P-256 release key (<c>release-private.pem</c>, 0600, and <c>release-public.pem</c>,
/// which goes into every silo's <c>Ledgerlink:Releases:PublicKey</c> and every agent's install).</item>
/// <item><c>sign --version V --minimum-version M --notes TEXT --key PRIVATE.pem --out DIR FILE…</c>: writes the manifest
/// (each file's SHA-256 and size), its detached signature and copies of the files to DIR.</item>
/// <item><c>publish --dir DIR --url SILO [--rollout all|percentage:N|connectors:ID,ID]</c>: uploads DIR's files and the
/// signed manifest through the operator API; the operator key is read from <c>LEDGERLINK_OPERATOR_KEY</c>, not the command line.</item>
/// </list>
/// Exit codes: 0 done, 2 bad arguments, 1 refused or failed (the reason on stderr).
/// </summary>
public static class ReleaseCommand
{
    public const string Verb = "release";
    public const string OperatorKeyVariable = "LEDGERLINK_OPERATOR_KEY";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args switch
            {
                [Verb, "keygen", .. var rest] => KeyGen(Options(rest)),
                [Verb, "sign", .. var rest] => await SignAsync(Options(rest)),
                [Verb, "publish", .. var rest] => await PublishAsync(Options(rest)),
                _ => Usage("expected keygen, sign or publish"),
            };
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"ledgerlink-silo release: {e.Message}");
            return 1;
        }
    }

    private static int KeyGen(Parsed options)
    {
        var folder = options.Required("out");
        Directory.CreateDirectory(folder);
        var (privatePem, publicPem) = ReleaseSigning.CreateKey();
        var privatePath = Path.Combine(folder, "release-private.pem");
        if (File.Exists(privatePath))
        {
            throw new IOException($"{privatePath} exists; a release key is not overwritten.");
        }

        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(privatePath, Encoding.ASCII, file))
        {
            writer.Write(privatePem);
        }

        File.WriteAllText(Path.Combine(folder, "release-public.pem"), publicPem);
        Console.WriteLine($"Release key {ReleaseSigning.KeyId(publicPem)} written to {folder} (keep release-private.pem off every server).");
        return 0;
    }

    private static async Task<int> SignAsync(Parsed options)
    {
        var version = options.Required("version");
        var minimum = options.Required("minimum-version");
        var key = await File.ReadAllTextAsync(options.Required("key"));
        var folder = options.Required("out");
        if (options.Files.Count == 0)
        {
            throw new ArgumentException("name at least one file to release");
        }

        Directory.CreateDirectory(Path.Combine(folder, "files"));
        var files = new List<ReleaseFile>();
        foreach (var path in options.Files)
        {
            var name = Path.GetFileName(path);
            if (!ReleaseCheck.IsSafeName(name))
            {
                throw new ArgumentException($"'{name}' is not a plain file name");
            }

            await using var stream = File.OpenRead(path);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
            files.Add(new ReleaseFile(name, hash, stream.Length));
            File.Copy(path, Path.Combine(folder, "files", name), overwrite: true);
        }

        var manifest = new ReleaseManifest(version, minimum, options.Get("notes") ?? string.Empty, files, DateTimeOffset.UtcNow).ToBytes();
        var signature = ReleaseSigning.Sign(manifest, key);
        var (checkedManifest, refusal) = ReleaseCheck.Manifest(manifest, signature, PublicPemOf(key));
        if (checkedManifest is null)
        {
            throw new ArgumentException($"{refusal!.Field}: {refusal.Reason}");
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "manifest.json"), manifest);
        await File.WriteAllBytesAsync(Path.Combine(folder, "manifest.sig"), signature);
        Console.WriteLine($"Signed release {version} ({files.Count} files) into {folder}.");
        return 0;
    }

    private static async Task<int> PublishAsync(Parsed options)
    {
        var folder = options.Required("dir");
        var url = new Uri(options.Required("url"));
        var apiKey = Environment.GetEnvironmentVariable(OperatorKeyVariable)
            ?? throw new ArgumentException($"set {OperatorKeyVariable} to an operator API key");
        var manifest = await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json"));
        var signature = await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.sig"));
        var parsed = ReleaseManifest.Parse(manifest) ?? throw new ArgumentException("manifest.json is not a release manifest");

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)));
        foreach (var file in parsed.Files)
        {
            await using var content = File.OpenRead(Path.Combine(folder, "files", file.Name));
            using var body = new StreamContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var uploaded = await http.PutAsync(new Uri($"/operator/releases/{parsed.Version}/files/{file.Name}", UriKind.Relative), body);
            if (!uploaded.IsSuccessStatusCode)
            {
                return await RefusedAsync($"upload of {file.Name}", uploaded);
            }
        }

        using var published = await http.PostAsJsonAsync(new Uri("/operator/releases", UriKind.Relative), new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(signature),
            rollout = Rollout(options.Get("rollout")),
        });
        if (!published.IsSuccessStatusCode)
        {
            return await RefusedAsync("publish", published);
        }

        Console.WriteLine($"Published release {parsed.Version}.");
        return 0;
    }

    private static object Rollout(string? text) => text switch
    {
        null or "all" => new { kind = "All" },
        _ when text.StartsWith("percentage:", StringComparison.Ordinal) && int.TryParse(text["percentage:".Length..], out var percent) =>
            new { kind = "Percentage", percent },
        _ when text.StartsWith("connectors:", StringComparison.Ordinal) =>
            new { kind = "Connectors", connectorIds = text["connectors:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
        _ => throw new ArgumentException("--rollout is all, percentage:N or connectors:ID,ID"),
    };

    private static async Task<int> RefusedAsync(string what, HttpResponseMessage response)
    {
        await Console.Error.WriteLineAsync($"ledgerlink-silo release: {what} refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        return 1;
    }

    private static string PublicPemOf(string privatePem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privatePem);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"ledgerlink-silo release: {problem}.");
        Console.Error.WriteLine("usage: ledgerlink-silo release keygen --out DIR");
        Console.Error.WriteLine("       ledgerlink-silo release sign --version V --minimum-version M [--notes TEXT] --key PRIVATE.pem --out DIR FILE...");
        Console.Error.WriteLine($"       ledgerlink-silo release publish --dir DIR --url SILO [--rollout all|percentage:N|connectors:ID,ID]   ({OperatorKeyVariable} holds the operator key)");
        return 2;
    }

    private static Parsed Options(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{args[i]} needs a value");
                }

                named[args[i][2..]] = args[++i];
            }
            else
            {
                files.Add(args[i]);
            }
        }

        return new Parsed(named, files);
    }

    private sealed record Parsed(Dictionary<string, string> Named, List<string> Files)
    {
        public string? Get(string name) => Named.GetValueOrDefault(name);

        public string Required(string name) => Get(name) ?? throw new ArgumentException($"missing --{name}");
    }
}
