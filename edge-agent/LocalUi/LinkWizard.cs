using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ledgerlink.Agents;
using Ledgerlink.Companies;
using Ledgerlink.EdgeAgent.Linking;
using Ledgerlink.EdgeAgent.Logging;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Status;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// "Link a company": check the Sage data with the user's login and show what it holds, then on Confirm link it (licence
/// key and one-time link code from the integrator's link page) the
/// way <c>ledgerlink-agent link</c> does (login saved in companies.json with the Sage password protected by
/// <see cref="SecretProtector"/>, never sent; <c>LinkCompany</c> over the running session) and start its first sync.
/// Between the two steps the login stays in this process's memory, under a random token, for a few minutes.
/// </summary>
public sealed partial class LinkWizard(
    AgentStatus status,
    LinkedCompanyStore companies,
    ProductNameStore productNames,
    ISage50DataSourceFactory sources,
    ILogger<LinkWizard> logger)
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public sealed record CheckResult(string? Token, SageCompanyDetails? Details, string? Error);

    public sealed record ConfirmResult(bool Linked, string? ProductName, int SyncsStarted, string? Error);

    public async Task<CheckResult> CheckAsync(
        string licence, string linkCode, string dataDirectory, string userName, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(licence) || string.IsNullOrWhiteSpace(linkCode) || string.IsNullOrWhiteSpace(dataDirectory) ||
            string.IsNullOrWhiteSpace(userName))
        {
            return new CheckResult(null, null, "Enter the licence key, the link code, the Sage data directory and the Sage user name.");
        }

        Sage50CompanyLocation location;
        try
        {
            location = new Sage50CompanyLocation(Path.GetFullPath(dataDirectory.Trim()), userName.Trim(), password);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return new CheckResult(null, null, $"\"{dataDirectory}\" is not a folder path.");
        }

        SageCompanyDetails details;
        try
        {
            details = await SageCompanyDetails.ReadAsync(sources, location, cancellationToken);
        }
        catch (Sage50AccessException e)
        {
            return new CheckResult(null, null, $"{Headline(e.Problem)} {e.Message}");
        }

        Expire();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _pending[token] = new Pending(licence.Trim(), linkCode.Trim(), location, details, DateTimeOffset.UtcNow + PendingLifetime);
        return new CheckResult(token, details, null);
    }

    public async Task<ConfirmResult> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (!_pending.TryRemove(token, out var pending) || pending.Expires < DateTimeOffset.UtcNow)
        {
            return new ConfirmResult(false, null, 0, "This link request has expired. Enter the company details again.");
        }

        var current = status.Current;
        if (current is not { Gateway: { } gateway, Credential: { } credential, ConnectorId: { } connectorId })
        {
            return new ConfirmResult(false, null, 0, "The agent is not connected to Ledgerlink yet. Check the network, wait for \"Online\" on the About page and try again.");
        }

        var companyId = pending.CompanyId;
        var location = pending.Location;

        // Saved before the cluster hears of it, as the link command does: the company's first sync may arrive at once.
        var previous = companies.Find(companyId);
        companies.Save(new LinkedCompany(companyId, location.DataDirectory, location.UserName, SecretProtector.Protect(location.Password),
            pending.Details.Name, DateTimeOffset.UtcNow));
        CompanyLinkResult result;
        try
        {
            result = await gateway.LinkCompany(credential, companyId, new CompanyLinkRequest(connectorId, pending.Details.Name, pending.Details.VatNumber, pending.LinkCode))
                .WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
        {
            Restore(companyId, previous);
            return new ConfirmResult(false, null, 0, $"Ledgerlink did not complete the link ({e.Message}). Try again.");
        }

        if (!result.Linked)
        {
            Restore(companyId, previous);
            LogRefused(logger, result.Reason ?? "no reason given");
            return new ConfirmResult(false, null, 0, result.Reason ?? "Ledgerlink refused the link. Check the licence key and the link code.");
        }

        if (result.CompanyName is { } productName)
        {
            productNames.Save(companyId, productName);
        }

        LogLinked(logger, LicenceRef.Of(companyId), location.DataDirectory, connectorId);
        try
        {
            var queued = await gateway.SyncNow(credential, companyId).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return new ConfirmResult(true, result.CompanyName, queued, null);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or AgentAccessDeniedException)
        {
            return new ConfirmResult(true, result.CompanyName, 0, $"The company is linked, but its first sync could not be started ({e.Message}); use Sync now.");
        }
    }

    private static string Headline(Sage50AccessProblem problem) => problem switch
    {
        Sage50AccessProblem.DataDirectoryNotFound => "Wrong path:",
        Sage50AccessProblem.NotSageData => "Not Sage data:",
        Sage50AccessProblem.WrongCredentials => "Wrong user name or password:",
        Sage50AccessProblem.UnsupportedVersion => "Unsupported Sage version:",
        _ => "Cannot read the company:",
    };

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

    private void Expire()
    {
        foreach (var (token, pending) in _pending)
        {
            if (pending.Expires < DateTimeOffset.UtcNow)
            {
                _pending.TryRemove(token, out _);
            }
        }
    }

    private sealed record Pending(string CompanyId, string LinkCode, Sage50CompanyLocation Location, SageCompanyDetails Details, DateTimeOffset Expires);

    [LoggerMessage(70, LogLevel.Information, "Linked company {LicenceRef} from the local UI: Sage data at {DataDirectory}, connector {ConnectorId}")]
    private static partial void LogLinked(ILogger logger, string licenceRef, string dataDirectory, string connectorId);

    // Never the licence key (what the user typed may be someone else's) nor the link code.
    [LoggerMessage(71, LogLevel.Warning, "The cluster refused a link from the local UI: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
