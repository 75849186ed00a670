using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.Releases;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Api.BadInput;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Releases;

/// <summary>
/// Agent releases through the operator API on a real silo over Azurite: signed and published with the
/// <c>ledgerlink-silo release</c> command as the operator runs it (the silo only has the public key), listed, refused
/// when signed with another key or when a file differs from the manifest, withdrawn; rollout to all, a percentage or
/// named connectors, and support's hold on one connector.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class ReleasesApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Operator_signs_and_publishes_with_the_command_lists_and_withdraws_and_bad_releases_are_refused()
    {
        var work = Folder();
        Assert.Equal(0, await RunAsync(["release", "keygen", "--out", Path.Combine(work, "key")]));
        var publicKey = await File.ReadAllTextAsync(Path.Combine(work, "key", "release-public.pem"));
        var privateKeyPath = Path.Combine(work, "key", "release-private.pem");
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Releases:PublicKey"] = publicKey,
        }));
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);

        // Sign on "the operator's machine", then publish through the API.
        var archive = Path.Combine(work, "linux-x64.tar.gz");
        await File.WriteAllBytesAsync(archive, RandomNumberGenerator.GetBytes(300_000));
        var windows = Path.Combine(work, "win-x64.zip");
        await File.WriteAllBytesAsync(windows, RandomNumberGenerator.GetBytes(200_000));
        var signed = Path.Combine(work, "release-1.5.0");
        Assert.Equal(0, await RunAsync(["release", "sign", "--version", "1.5.0", "--minimum-version", "1.2.0", "--notes", "Faster syncs.",
            "--key", privateKeyPath, "--out", signed, archive, windows]));
        Assert.Equal(0, await RunAsync(["release", "publish", "--dir", signed, "--url", silo.BaseAddress.ToString()],
            new Dictionary<string, string?> { ["LEDGERLINK_OPERATOR_KEY"] = TestApiKeys.Operator }));

        var listed = (await operators.GetJsonAsync("/operator/releases"))["results"]!.AsArray();
        var release = Assert.Single(listed)!;
        Assert.Equal("1.5.0", release["version"]!.GetValue<string>());
        Assert.Equal("1.2.0", release["minimumVersion"]!.GetValue<string>());
        Assert.Equal("Faster syncs.", release["notes"]!.GetValue<string>());
        Assert.Equal("Published", release["status"]!.GetValue<string>());
        Assert.Equal(ReleaseSigning.KeyId(publicKey), release["keyId"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(archive))),
            release["files"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "linux-x64.tar.gz")!["sha256"]!.GetValue<string>());

        // What is stored verifies with the public key alone, as an agent will check it.
        var store = silo.Services.GetRequiredService<Ledgerlink.Silo.Releases.ReleaseStore>();
        var (manifest, signature) = (await store.ReadSignedManifestAsync("1.5.0", CancellationToken.None))!.Value;
        Assert.NotNull(ReleaseCheck.Manifest(manifest, signature, publicKey).Manifest);
        await using (var stored = (await store.OpenFileAsync("1.5.0", "linux-x64.tar.gz", CancellationToken.None))!)
        {
            Assert.Null(await ReleaseCheck.FileAsync(ReleaseManifest.Parse(manifest)!.Files[0], stored));
        }

        // A version is published once.
        using (var again = await PostReleaseAsync(operators, signed))
        {
            await ApiCall.AssertCodatErrorAsync(again, 409, null, "published already");
        }

        // Signed with another key: refused, nothing listed.
        var other = Path.Combine(work, "other-key");
        Assert.Equal(0, await RunAsync(["release", "keygen", "--out", other]));
        var wrongKey = Path.Combine(work, "release-1.6.0");
        Assert.Equal(0, await RunAsync(["release", "sign", "--version", "1.6.0", "--minimum-version", "1.2.0",
            "--key", Path.Combine(other, "release-private.pem"), "--out", wrongKey, archive]));
        await UploadAsync(operators, "1.6.0", archive);
        using (var refused = await PostReleaseAsync(operators, wrongKey))
        {
            await ApiCall.AssertCodatErrorAsync(refused, 400, "signature", "does not verify with the release public key");
        }

        // Signed properly, but the uploaded file is not the one signed: refused naming the file.
        var tampered = Path.Combine(work, "release-1.7.0");
        Assert.Equal(0, await RunAsync(["release", "sign", "--version", "1.7.0", "--minimum-version", "1.2.0", "--key", privateKeyPath, "--out", tampered, archive]));
        var swapped = Path.Combine(work, "swapped", "linux-x64.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(swapped)!);
        await File.WriteAllBytesAsync(swapped, RandomNumberGenerator.GetBytes(300_000));
        await UploadAsync(operators, "1.7.0", swapped);
        using (var refused = await PostReleaseAsync(operators, tampered))
        {
            await ApiCall.AssertCodatErrorAsync(refused, 400, "files.linux-x64.tar.gz", "does not match the manifest");
        }

        // Signed properly, file never uploaded.
        var missing = Path.Combine(work, "release-1.8.0");
        Assert.Equal(0, await RunAsync(["release", "sign", "--version", "1.8.0", "--minimum-version", "1.2.0", "--key", privateKeyPath, "--out", missing, windows]));
        using (var refused = await PostReleaseAsync(operators, missing))
        {
            await ApiCall.AssertCodatErrorAsync(refused, 400, "files.win-x64.zip", "was not uploaded");
        }

        Assert.Equal(["1.5.0"], (await operators.GetJsonAsync("/operator/releases"))["results"]!.AsArray().Select(r => r!["version"]!.GetValue<string>()));

        // Non-operators cannot publish or list.
        using var integrator = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using (var forbidden = await integrator.GetAsync(new Uri("/operator/releases", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // Withdraw: still listed, marked, with the reason; a bare withdraw without a reason is refused.
        using (var noReason = await operators.PostAsJsonAsync("/operator/releases/1.5.0/withdraw", new { }))
        {
            await ApiCall.AssertCodatErrorAsync(noReason, 400, "reason", "reason is required");
        }

        using var withdrawn = await operators.PostAsJsonAsync("/operator/releases/1.5.0/withdraw", new { reason = "Crashes on Windows 10 LTSC." });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = Assert.Single((await operators.GetJsonAsync("/operator/releases"))["results"]!.AsArray())!;
        Assert.Equal("Withdrawn", after["status"]!.GetValue<string>());
        Assert.Equal("Crashes on Windows 10 LTSC.", after["withdrawnReason"]!.GetValue<string>());
        using var unknown = await operators.PostAsJsonAsync("/operator/releases/9.9.9/withdraw", new { reason = "x" });
        await ApiCall.AssertCodatErrorAsync(unknown, 404, null, "Release 9.9.9 not found");
    }

    [Fact]
    public async Task Rollout_reaches_all_a_stable_percentage_or_only_named_connectors_and_support_holds_one_connector()
    {
        var (privateKey, publicKey) = ReleaseSigning.CreateKey();
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Ledgerlink:Releases:PublicKey"] = publicKey,
        }));
        using var operators = silo.CreateHttpClient(TestApiKeys.Operator);
        using var support = silo.CreateHttpClient(TestApiKeys.Support);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var catalog = grains.GetGrain<IReleaseCatalogGrain>(IReleaseCatalogGrain.Key);

        // 200 connectors running 1.2.0, registered as agents register.
        var connectors = Enumerable.Range(0, 200).Select(i => $"conn-{i:D3}-{Guid.NewGuid():N}"[..24]).ToList();
        await Task.WhenAll(connectors.Select(id => grains.GetGrain<IConnectorGrain>(id).Register(new AgentHello("pc", "1.2.0", 1))));

        await PublishAsync(operators, privateKey, "1.3.0", "1.0.0", new { kind = "Connectors", connectorIds = new[] { connectors[7] } });
        Assert.Equal([connectors[7]], await OfferedAsync(catalog, connectors, "1.3.0"));

        // 25%: a stable share (the same connectors each time), and raising it only adds connectors.
        using (var rollout = await operators.PutAsJsonAsync("/operator/releases/1.3.0/rollout", new { kind = "Percentage", percent = 25 }))
        {
            Assert.Equal(HttpStatusCode.OK, rollout.StatusCode);
        }

        var quarter = await OfferedAsync(catalog, connectors, "1.3.0");
        Assert.InRange(quarter.Count, 25, 75);
        Assert.Equal(quarter, await OfferedAsync(catalog, connectors, "1.3.0"));
        using (var rollout = await operators.PutAsJsonAsync("/operator/releases/1.3.0/rollout", new { kind = "Percentage", percent = 60 }))
        {
            Assert.Equal(HttpStatusCode.OK, rollout.StatusCode);
        }

        var more = await OfferedAsync(catalog, connectors, "1.3.0");
        Assert.Subset(more.ToHashSet(), quarter.ToHashSet());
        Assert.True(more.Count > quarter.Count);

        using (var bad = await operators.PutAsJsonAsync("/operator/releases/1.3.0/rollout", new { kind = "Percentage", percent = 101 }))
        {
            await ApiCall.AssertCodatErrorAsync(bad, 400, "percent", "from 0 to 100");
        }

        using (var bad = await operators.PutAsJsonAsync("/operator/releases/1.3.0/rollout", new { kind = "Connectors", connectorIds = Array.Empty<string>() }))
        {
            await ApiCall.AssertCodatErrorAsync(bad, 400, "connectorIds", "must name 1 to");
        }

        // All, then a newer release for everyone; a connector support holds at 1.3.0 stays offered 1.3.0.
        using (var rollout = await operators.PutAsJsonAsync("/operator/releases/1.3.0/rollout", new { kind = "All" }))
        {
            Assert.Equal(HttpStatusCode.OK, rollout.StatusCode);
        }

        Assert.Equal(connectors.Count, (await OfferedAsync(catalog, connectors, "1.3.0")).Count);
        await PublishAsync(operators, privateKey, "1.4.0", "1.2.0", null);
        using (var hold = await support.PutAsJsonAsync($"/support/connectors/{connectors[3]}/release-hold", new { version = "1.3.0" }))
        {
            Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
            var held = await hold.JsonAsync();
            Assert.Equal("1.3.0", held["heldAt"]!.GetValue<string>());
            Assert.Equal("1.3.0", held["targetVersion"]!.GetValue<string>());
            Assert.Equal("1.2.0", held["agentVersion"]!.GetValue<string>());
        }

        Assert.Equal("1.4.0", (await support.GetJsonAsync($"/support/connectors/{connectors[4]}/release"))["targetVersion"]!.GetValue<string>());
        Assert.Equal("1.3.0", (await catalog.TargetFor(connectors[3], "1.2.0"))!.Version);
        using (var bad = await support.PutAsJsonAsync($"/support/connectors/{connectors[3]}/release-hold", new { version = "7.0.0" }))
        {
            await ApiCall.AssertCodatErrorAsync(bad, 400, "version", "not a published release");
        }

        using (var lifted = await support.PutAsJsonAsync($"/support/connectors/{connectors[3]}/release-hold", new { version = (string?)null }))
        {
            Assert.Equal("1.4.0", (await lifted.JsonAsync())["targetVersion"]!.GetValue<string>());
        }

        var audit = await support.GetJsonAsync($"/support/connectors/{connectors[3]}/audit?pageSize=100");
        Assert.Contains(audit["results"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "connector.releaseHold");

        // Below a release's minimum: not offered it; an agent already on the newest is offered nothing; a withdrawn one is skipped.
        Assert.Equal("1.3.0", (await catalog.TargetFor(connectors[0], "1.1.0"))!.Version);
        Assert.Null(await catalog.TargetFor(connectors[0], "1.4.0"));
        using (var withdrawn = await operators.PostAsJsonAsync("/operator/releases/1.4.0/withdraw", new { reason = "bad build" }))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        Assert.Null(await catalog.TargetFor(connectors[0], "1.3.0"));
        Assert.Equal("1.3.0", (await catalog.TargetFor(connectors[0], "1.4.0"))!.Version);
    }

    private static async Task<List<string>> OfferedAsync(IReleaseCatalogGrain catalog, IEnumerable<string> connectors, string version)
    {
        var offered = new List<string>();
        foreach (var id in connectors)
        {
            if ((await catalog.TargetFor(id, "1.2.0"))?.Version == version)
            {
                offered.Add(id);
            }
        }

        return offered;
    }

    private static async Task PublishAsync(HttpClient operators, string privateKey, string version, string minimum, object? rollout)
    {
        var bytes = RandomNumberGenerator.GetBytes(1000);
        using (var content = new ByteArrayContent(bytes))
        using (var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/linux-x64.tar.gz", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        }

        var manifest = new ReleaseManifest(version, minimum, "", [new ReleaseFile("linux-x64.tar.gz", Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length)],
            DateTimeOffset.UtcNow).ToBytes();
        using var published = await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(manifest),
            signature = Convert.ToBase64String(ReleaseSigning.Sign(manifest, privateKey)),
            rollout,
        });
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
    }

    private static async Task UploadAsync(HttpClient operators, string version, string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        using var upload = await operators.PutAsync(new Uri($"/operator/releases/{version}/files/{Path.GetFileName(path)}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostReleaseAsync(HttpClient operators, string signedFolder) =>
        await operators.PostAsJsonAsync("/operator/releases", new
        {
            manifest = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(signedFolder, "manifest.json"))),
            signature = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(signedFolder, "manifest.sig"))),
        });

    private static async Task<int> RunAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await using var process = ChildProcess.StartDotnet("release", BuiltApplication.Silo, arguments, environment ?? new Dictionary<string, string?>());
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"ledgerlink-silo {string.Join(' ', arguments.Take(2))} exited {exit}\n{process.Tail()}");
        return exit;
    }

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledgerlink-releases-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
