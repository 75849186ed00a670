using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.Connectors;
using Ledgerlink.PullOperations;
using Ledgerlink.Security;
using Ledgerlink.Tenants;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.Polling;
using Ledgerlink.Testing.Processes;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Connections.Security;
using Xunit.Abstractions;

namespace Ledgerlink.Tests.Security;

/// <summary>
/// The gateway played as an attacker plays it: a plain Orleans client built from the grain interfaces, with no
/// credential, against a real silo process. Only the agent contract answers, and nothing in storage changes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GatewayDoorTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_method_of_every_grain_interface_is_refused_to_an_outside_client_and_storage_is_unchanged()
    {
        await using var silo = await SiloProcess.StartAsync(SiloProcess.Configure(azurite.ConnectionString, TestApiKeys.Settings()));
        using var http = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA));
        using (var created = await http.PostJsonAsync("/companies", new { name = "Victim Ltd" }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using var host = await ConnectAsync(silo);
        var client = host.Services.GetRequiredService<IClusterClient>();
        var observer = client.CreateObjectReference<IAgentObserver>(new NoObserver());
        var before = await SnapshotAsync(silo);

        var interfaces = GrainInterfaces().ToArray();
        Assert.Contains(typeof(ICompanyGrain), interfaces);
        Assert.Contains(typeof(IManagementGrain), interfaces);

        // The release catalog and tenant branding are cluster-internal: the agent reaches branding only through the gateway.
        Assert.Contains(typeof(Ledgerlink.Releases.IReleaseCatalogGrain), interfaces);
        Assert.Contains(typeof(Ledgerlink.Tenants.ITenantBrandingGrain), interfaces);
        Assert.Contains(interfaces, i => i.Assembly.GetName().Name == "Orleans.Dashboard");
        var calls = 0;
        var failures = new List<string>();
        var oneWay = new List<string>();
        foreach (var contract in interfaces)
        {
            var grain = GrainOf(client, contract);
            foreach (var method in contract.GetMethods())
            {
                if (method.IsGenericMethodDefinition || (contract == typeof(IAgentGatewayGrain) && method.Name == nameof(IAgentGatewayGrain.Register)))
                {
                    // Registering is the one call open to anyone (rate-limited); it is covered by its own tests.
                    continue;
                }

                calls++;
                var outcome = await CallAsync(grain, method, observer, client);
                if (method.GetCustomAttribute<Orleans.Concurrency.OneWayAttribute>() is not null)
                {
                    // A one-way call answers nothing, so its refusal is looked for in the silo's log instead.
                    oneWay.Add($"{contract.FullName}.{method.Name}");
                    continue;
                }


                // A grain that cannot even be activated for that key (Orleans' own, keyed by silo address) ran nothing either.
                var notActivated = outcome is InvalidOperationException { Message: var m } && m.StartsWith("Failed to create an instance of grain type", StringComparison.Ordinal);
                if (outcome is not AgentAccessDeniedException && !notActivated)
                {
                    failures.Add($"{contract.FullName}.{method.Name}: {outcome?.GetType().Name ?? "answered"} {outcome?.Message}");
                }
            }
        }

        output.WriteLine($"{calls} methods of {interfaces.Length} grain interfaces called from outside");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        foreach (var method in oneWay)
        {
            await Eventually.ValueAsync(
                () => Task.FromResult(string.Join('\n', silo.Process.Lines)),
                log => log.Contains($"Refused {method} from outside the cluster", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), $"the silo to log the refusal of one-way {method}");
        }

        Assert.True(calls > 100, $"only {calls} methods were called");
        Assert.Equal(before, await SnapshotAsync(silo));
    }

    [Fact]
    public async Task Minting_api_keys_and_forging_a_dataset_through_the_gateway_are_refused_and_change_nothing()
    {
        await using var silo = await SiloProcess.StartAsync(SiloProcess.Configure(azurite.ConnectionString, TestApiKeys.Settings()));
        using var http = silo.CreateHttpClient(TestApiKeys.Header(TestApiKeys.IntegratorA));
        string companyId;
        using (var created = await http.PostJsonAsync("/companies", new { name = "Victim Ltd" }))
        {
            companyId = (await created.JsonAsync())["id"]!.GetValue<string>();
        }

        using var host = await ConnectAsync(silo);
        var client = host.Services.GetRequiredService<IClusterClient>();
        var before = await SnapshotAsync(silo);

        // Minted keys: an Operator key and an Integrator key for tenant-a, registered straight into the key grains.
        const string minted = "attacker-minted-key-0000000000000001";
        foreach (var role in new[] { ApiRole.Operator, ApiRole.Integrator })
        {
            var info = new ApiKeyInfo(ApiKeyHash.Compute(minted)[..12], TestApiKeys.TenantA, role, "mine", DateTimeOffset.UtcNow);
            await Assert.ThrowsAsync<AgentAccessDeniedException>(() => client.GetApiKeyGrain(minted).Register(info));
        }

        using (var withMinted = silo.CreateHttpClient(TestApiKeys.Header(minted)))
        using (var companies = await withMinted.GetAsync(new Uri("/companies", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, companies.StatusCode);
        }

        // A forged taxRates dataset: straight to a pull operation, and through the gateway under a made-up connector.
        var datasetId = Guid.NewGuid().ToString();
        var lease = new PullLease(datasetId, "agent-made-up", DateTimeOffset.UtcNow.AddHours(1), new byte[32]);
        var batch = ScriptedAgent.Batch(0, ["{\"id\":\"forged\",\"name\":\"Forged 0%\"}"]);
        var pull = client.GetGrain<IPullOperationGrain>(datasetId);
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => pull.EnsureCreated(new PullOperationRequest(companyId, "hbql", "taxRates", null, DateTimeOffset.UtcNow)));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => pull.Start(lease));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => pull.AppendBatch(lease, batch));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => pull.Complete(lease, 1));
        var gateway = client.GetGrain<IAgentGatewayGrain>("agent-made-up");
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.StartPull(new AgentCredential("agent-made-up", "guess"), datasetId));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.AppendBatch(lease, batch));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.CompletePull(lease, 1));
        await Assert.ThrowsAsync<AgentAccessDeniedException>(() => gateway.CompletePullWith(lease, new PullCompletion(1, null, "some-base", null, 1, 0)));

        using (var read = await http.GetAsync(new Uri($"/companies/{companyId}/data/taxRates", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, read.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync(silo));
    }

    [Fact]
    public async Task One_address_opening_connections_past_its_limit_is_cut_off_at_the_gateway()
    {
        await using var silo = await SiloProcess.StartAsync(SiloProcess.Configure(azurite.ConnectionString,
            [.. TestApiKeys.Settings(), new("Ledgerlink:Clustering:GatewayConnectionsPerMinute", "2")]));
        var open = new List<System.Net.Sockets.TcpClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var socket = new System.Net.Sockets.TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, silo.GatewayPort);
                open.Add(socket);
            }

            // The third connection from 127.0.0.1 within the minute is closed by the silo before a byte is read.
            using var read = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = await open[2].GetStream().ReadAsync(new byte[1], read.Token);
            Assert.Equal(0, received);
            await Eventually.ValueAsync(
                () => Task.FromResult(string.Join('\n', silo.Process.Lines)),
                log => log.Contains("Gateway connection from 127.0.0.1 refused", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the silo to log the refused connection");
        }
        finally
        {
            open.ForEach(socket => socket.Dispose());
        }
    }

    /// <summary>
    /// An Orleans client as anyone could build one from the grain interfaces, over TLS with a valid CA pin: no agent
    /// code, no credential.
    /// </summary>
    private static async Task<IHost> ConnectAsync(SiloProcess silo)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, silo.ServiceId, silo.ClusterId)
                .UseTls(tls =>
                {
                    var pins = CertificatePins.Load(TestCertificates.CaCertificatePath, null);
                    tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    tls.RemoteCertificateValidation = (certificate, chain, errors) => pins.IsTrusted(certificate, chain, errors, out _);
                }))
            .Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Every grain interface in the solution's contract assemblies, Orleans' management grain and the dashboard's grains.</summary>
    private static IEnumerable<Type> GrainInterfaces()
    {
        var assemblies = new[]
        {
            typeof(ICompanyGrain).Assembly, typeof(IAgentGatewayGrain).Assembly, typeof(Ledgerlink.Grains.Hosting.LedgerlinkGrainOptions).Assembly,
            Assembly.Load("Orleans.Dashboard"), Assembly.Load("Orleans.Dashboard.Abstractions"),
        };
        var found = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && KeyOf(t) is not null && !t.IsGenericTypeDefinition);
        return found.Append(typeof(IManagementGrain)).Distinct();
    }

    private static Type? KeyOf(Type contract) => new[]
    {
        typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey),
        typeof(IGrainWithGuidCompoundKey), typeof(IGrainWithIntegerCompoundKey),
    }.FirstOrDefault(k => k.IsAssignableFrom(contract));

    private static IAddressable GrainOf(IClusterClient client, Type contract) => KeyOf(contract) switch
    {
        var k when k == typeof(IGrainWithStringKey) => client.GetGrain(contract, "x"),
        var k when k == typeof(IGrainWithGuidKey) => client.GetGrain(contract, Guid.NewGuid()),
        var k when k == typeof(IGrainWithIntegerKey) => client.GetGrain(contract, 0L),
        var k when k == typeof(IGrainWithGuidCompoundKey) => client.GetGrain(contract, Guid.NewGuid(), "x"),
        _ => client.GetGrain(contract, 0L, "x"),
    };

    private static async Task<Exception?> CallAsync(IAddressable grain, MethodInfo method, IAgentObserver observer, IClusterClient client)
    {
        try
        {
            var args = method.GetParameters().Select(p => ArgumentFor(p.ParameterType, observer, client)).ToArray();
            var result = method.Invoke(grain, args);
            var task = result switch
            {
                Task t => t,
                ValueTask v => v.AsTask(),
                not null when result.GetType().IsGenericType && result.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>) =>
                    (Task)result.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!,
                _ => null,
            };
            if (task is not null)
            {
                await task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Something of the parameter's type, so the call leaves the client carrying a value.</summary>
    private static object? ArgumentFor(Type type, IAgentObserver observer, IClusterClient client)
    {
        if (typeof(IAddressable).IsAssignableFrom(type) && type != typeof(IAgentObserver))
        {
            var reference = (GrainReference)client.GetGrain<ICompanyGrain>("x");
            return type.IsInstanceOfType(reference) ? reference : null;
        }

        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (type == typeof(IAgentObserver))
        {
            return observer;
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        return type.IsInterface || type.IsAbstract || type == typeof(object) ? null : RuntimeHelpers.GetUninitializedObject(type);
    }

    /// <summary>Names and ETags of every blob in the silo's containers.</summary>
    private static async Task<string> SnapshotAsync(SiloProcess silo)
    {
        var service = new BlobServiceClient(silo.StorageConnectionString);
        var lines = new List<string>();
        foreach (var container in new[] { silo.Settings["Ledgerlink:Storage:GrainStateContainer"]!, silo.DatasetContainer })
        {
            var client = service.GetBlobContainerClient(container);
            if (!await client.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in client.GetBlobsAsync())
            {
                lines.Add($"{container}/{blob.Name} {blob.Properties.ETag}");
            }
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    private sealed class NoObserver : IAgentObserver
    {
        public Task CommandsAvailable() => Task.CompletedTask;

        public Task CommandsPushed(IReadOnlyList<AgentCommand> commands) => Task.CompletedTask;
    }
}
