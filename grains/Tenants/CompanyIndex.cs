using System.Text;
using Azure;
using Azure.Data.Tables;
using Ledgerlink.Tenants;

namespace Ledgerlink.Grains.Tenants;

/// <summary>
/// Which companies each tenant has: one Azure Table entity per company (partition: the tenant, row: the company), so
/// creating, renaming or deleting a company writes one small entity whatever the tenant's size, and concurrent creates
/// in one tenant never race for one document. Listing reads the tenant's partition.
/// </summary>
public sealed class CompanyIndex(TableServiceClient tables, string tableName)
{
    public const string DefaultTableName = "LedgerlinkCompanies";

    private readonly TableClient _table = tables.GetTableClient(tableName);
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _exists;

    public async Task AddAsync(string tenantId, CompanySummary company, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(company);
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(Key(tenantId), Key(company.Id))
        {
            ["CompanyId"] = company.Id,
            ["Name"] = company.Name,
            ["Created"] = company.Created,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveAsync(string tenantId, string companyId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _table.DeleteEntityAsync(Key(tenantId), Key(companyId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: removing is idempotent.
        }
    }

    /// <summary>The tenant's companies, oldest first (then by id), as the API lists them by default.</summary>
    public async Task<IReadOnlyList<CompanySummary>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var companies = new List<CompanySummary>();
        var partition = Key(tenantId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(
                           e => e.PartitionKey == partition, select: ["CompanyId", "Name", "Created"], cancellationToken: cancellationToken))
        {
            companies.Add(new CompanySummary(
                entity.GetString("CompanyId"), entity.GetString("Name"), entity.GetDateTimeOffset("Created") ?? DateTimeOffset.MinValue));
        }

        return [.. companies.OrderBy(c => c.Created).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Table keys may not hold '/', '\', '#', '?' or control characters, and tenant ids come from configuration: every
    /// key is written in base64url, which holds none of them and keeps distinct ids distinct.
    /// </summary>
    private static string Key(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (!_exists)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
