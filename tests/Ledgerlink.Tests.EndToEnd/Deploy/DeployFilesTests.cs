using System.Diagnostics;
using Ledgerlink.Testing;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Deploy;

/// <summary>
/// The container and Kubernetes files, checked offline (no container engine or cluster runs here): the manifests
/// against the Kubernetes API schemas and what the silo needs of them, the Dockerfile with a linter, and the health
/// probe command the image's HEALTHCHECK runs.
/// </summary>
[Collection(AzuriteCollection.Beside)]
public sealed class DeployFilesTests(AzuriteFixture azurite)
{
    private static readonly string Validator = Path.Combine(TestPaths.RepositoryRoot, "deploy", "kubernetes", "validate", "validate.mjs");

    [Fact]
    public async Task The_Kubernetes_manifests_and_the_Dockerfile_pass_every_check()
    {
        var (exitCode, output) = await RunAsync("node", [Validator]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Deployment/ledgerlink-silo matches the Kubernetes apps/v1 Deployment schema", output, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudget/ledgerlink-silo matches the Kubernetes policy/v1 PodDisruptionBudget schema", output, StringComparison.Ordinal);
        Assert.Contains("All deploy checks passed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_breaks_the_schema_or_drops_a_safeguard_is_refused()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"ledgerlink-manifests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(broken);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "deploy", "kubernetes"), "*.yaml"))
            {
                var text = await File.ReadAllTextAsync(file);
                if (Path.GetFileName(file) == "deployment.yaml")
                {
                    text = text.Replace("replicas: 3", "replicas: three", StringComparison.Ordinal)
                        .Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", StringComparison.Ordinal);
                }

                await File.WriteAllTextAsync(Path.Combine(broken, Path.GetFileName(file)), text);
            }

            var (exitCode, output) = await RunAsync("node", [Validator, broken]);

            Assert.Equal(1, exitCode);
            Assert.Contains("data/spec/replicas must be integer", output, StringComparison.Ordinal);
            Assert.Contains("FAIL  the root file system is read-only", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public async Task The_containers_health_probe_passes_on_a_running_silo_and_fails_on_a_dead_port()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString));

        var (alive, aliveOutput) = await RunAsync("dotnet", [BuiltApplication.Silo, "probe", new Uri(silo.BaseAddress, "/health").ToString()]);
        var (dead, deadOutput) = await RunAsync("dotnet", [BuiltApplication.Silo, "probe", $"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/health"]);

        Assert.True(alive == 0, aliveOutput);
        Assert.Equal(1, dead);
        Assert.Contains("did not answer", deadOutput, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
