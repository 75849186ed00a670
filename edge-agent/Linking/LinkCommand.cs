using System.Text.Json;
using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.EdgeAgent.Cluster;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Identity;
using Ledgerlink.EdgeAgent.Logging;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading.Readers;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.Linking;

/// <summary>
/// <c>ledgerlink-agent link</c>: checks the Sage 50 company can be opened with the given login, keeps the login on this
/// machine, and links the company (by its licence key and one-time link code) to this agent's connector. Every outcome is
/// one plain line.
/// </summary>
public sealed class LinkCommand(
    AgentOptions options,
    AgentIdentityStore identities,
    LinkedCompanyStore companies,
    ISage50DataSourceFactory sources,
    ILoggerFactory loggerFactory,
    ILogger<LinkCommand> logger)
{
    public const int Succeeded = 0;
    public const int BadArguments = 2;
    public const int SageDataProblem = 3;
    public const int ClusterUnreachable = 4;
    public const int LinkRefused = 5;

    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(LinkArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var location = new Sage50CompanyLocation(Path.GetFullPath(arguments.DataDirectory), arguments.UserName, arguments.Password);
        string? sageName;
        string? vatNumber;
        try
        {
            (sageName, vatNumber) = await ReadCompanyAsync(location, cancellationToken);
        }
        catch (Sage50AccessException e)
        {
            await error.WriteLineAsync($"Cannot link: {e.Message}");
            return SageDataProblem;
        }

        ClusterConnection connection;
        try
        {
            connection = await ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(
                $"Cannot link: the Ledgerlink cluster at {string.Join(", ", options.ResolvedGateways)} did not answer ({e.Message}). Check the network and try again.");
            return ClusterUnreachable;
        }

        await using (connection)
        {
            var identity = await identities.EnsureRegisteredAsync(connection.Client, AgentService.Hello, cancellationToken);

            // Saved before the cluster hears of it: a running agent may get the company's queued syncs at once.
            var previous = companies.Find(arguments.CompanyId);
            companies.Save(new LinkedCompany(arguments.CompanyId, location.DataDirectory, location.UserName,
                SecretProtector.Protect(location.Password), sageName, DateTimeOffset.UtcNow));
            CompanyLinkResult result;
            try
            {
                result = await connection.Client.GetGrain<IAgentGatewayGrain>(identity.ConnectorId)
                    .LinkCompany(identity.Credential, arguments.CompanyId, new CompanyLinkRequest(identity.ConnectorId, sageName, vatNumber, arguments.LinkCode));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
            {
                Restore(arguments.CompanyId, previous);
                await error.WriteLineAsync($"Cannot link: the cluster did not complete the link ({e.Message}).");
                return e is AgentAccessDeniedException ? LinkRefused : ClusterUnreachable;
            }

            if (!result.Linked)
            {
                Restore(arguments.CompanyId, previous);
                AgentLog.LinkRefused(logger, result.Reason ?? "no reason given");
                await error.WriteLineAsync($"Cannot link: {result.Reason ?? "the cluster refused the link."}");
                return LinkRefused;
            }

            AgentLog.Linked(logger, LicenceRef.Of(arguments.CompanyId), sageName, location.DataDirectory, identity.ConnectorId);
            await output.WriteLineAsync(
                $"Linked {result.CompanyName ?? arguments.CompanyId} to Sage 50 company {sageName ?? "(unnamed)"} at {location.DataDirectory} (connector {identity.ConnectorId}).");
            return Succeeded;
        }
    }

    private void Restore(string companyId, LinkedCompany? previous)
    {
        if (previous is null)
        {
            companies.Remove(companyId);
        }
        else
        {
            companies.Save(previous);
        }
    }

    private async Task<(string? Name, string? VatNumber)> ReadCompanyAsync(Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        await using var source = await sources.OpenAsync(location, cancellationToken);
        await foreach (var record in new CompanyReader().ReadAsync(source, cancellationToken))
        {
            using var document = JsonDocument.Parse(record.Json);
            var root = document.RootElement;
            return (Text(root, "companyName"), Text(root, "taxNumber"));
        }

        return (null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<ClusterConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(ConnectPatience);
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                return await ClusterConnection.OpenAsync(options, loggerFactory, patience.Token);
            }
            catch (Exception e) when (e is not AgentConfigurationException)
            {
                try
                {
                    await Task.Delay(backoff.Next(), patience.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"no gateway answered within {ConnectPatience.TotalSeconds:0} s: {e.Message}", e);
                }
            }
        }
    }
}
