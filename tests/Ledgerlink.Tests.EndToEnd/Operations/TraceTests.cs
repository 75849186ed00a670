using System.Diagnostics;
using System.Net;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Agent;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Tests.Agent;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Operations;

/// <summary>
/// One trace id from an integrator's refresh request, through the grains, to the agent's pull and back: the id the
/// caller sent in <c>traceparent</c> is on the agent's pull log lines and on the silo's lines for the pull's completion,
/// which the agent's gateway calls caused. Real silo and agent processes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TraceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_refresh_requests_trace_id_is_on_the_agents_pull_log_lines_and_on_the_silos_lines_for_the_pulls_completion()
    {
        // The silo's own log folder: other test silos write theirs elsewhere, so these lines are this silo's alone.
        var siloLogs = Directory.CreateTempSubdirectory("ledgerlink-trace-logs-").FullName;
        await using var bed = await AgentTestBed.StartAsync(azurite.ConnectionString, [new("Ledgerlink:Logging:Directory", siloLogs)]);
        var (location, _) = BundledDemoCompany.Ensure(bed.NewFolder("sage"));
        var companyId = await bed.CreateCompanyAsync("Hebden Oak Joinery Ltd");
        var agent = bed.Agent();
        await using var running = agent.Run();
        var link = await agent.LinkAsync(companyId, bed.LinkCode(companyId), location.DataDirectory, location.UserName, location.Password);
        Assert.True(link.ExitCode == 0, $"link exited {link.ExitCode}: {link.StandardError}{link.StandardOutput}");

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/companies/{companyId}/data/queue/invoices", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var queued = await bed.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var datasetId = (await queued.JsonAsync())["id"]!.GetValue<string>();

        // A second refresh without a trace context must not inherit the first one's id.
        var untraced = (await bed.QueueAsync(companyId, "suppliers"))["id"]!.GetValue<string>();
        foreach (var id in new[] { datasetId, untraced })
        {
            await bed.WaitForOperationAsync(companyId, id, op => op["status"]!.GetValue<string>() == "Complete", $"pull {id} to complete", running);
        }

        // The cluster says Complete as soon as the agent's completion call lands; the agent logs it once the call returns.
        var agentLines = await Eventually.ValueAsync(
            () => LinesAsync(Path.Combine(agent.DataFolder, "logs"), "agent-*.log"),
            lines => lines.Any(line => line.Contains($"Pull {datasetId} (invoices) complete", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            "the agent to log the invoices pull complete");
        var traced = agentLines.Where(line => line.Contains(traceId, StringComparison.Ordinal)).ToList();
        Assert.True(
            traced.Any(line => line.Contains($"Pull {datasetId} (invoices) complete", StringComparison.Ordinal)),
            $"no pull line carries trace {traceId}:\n{string.Join('\n', agentLines.Where(line => line.Contains("Pull", StringComparison.Ordinal)))}");
        Assert.Contains(traced, line => line.Contains($"Pull {datasetId}", StringComparison.Ordinal) && line.Contains("starting at batch", StringComparison.Ordinal));
        Assert.DoesNotContain(traced, line => line.Contains(untraced, StringComparison.Ordinal));

        // Back in the cluster: the agent's Complete call carried the trace to the pull operation grain.
        var siloLines = await LinesAsync(siloLogs, "silo-*.log");
        Directory.Delete(siloLogs, recursive: true);
        Assert.Contains(siloLines, line =>
            line.Contains(traceId, StringComparison.Ordinal)
            && line.Contains($"Pull operation {datasetId}", StringComparison.Ordinal)
            && line.Contains("-> \"Complete\"", StringComparison.Ordinal));
        Assert.DoesNotContain(siloLines, line => line.Contains(traceId, StringComparison.Ordinal) && line.Contains(untraced, StringComparison.Ordinal));
    }

    private static async Task<List<string>> LinesAsync(string folder, string pattern)
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, pattern))
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            lines.AddRange((await reader.ReadToEndAsync()).Split('\n'));
        }

        return lines;
    }
}
