using System.Text.Json;
using Azure;
using Ledgerlink.DataTypes;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Datasets.Deltas;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.DataReads;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Paging;
using Ledgerlink.Silo.Api.Querying;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>
/// Reads of synced data at Codat's accounting paths: lists paged as Codat pages them (<c>page</c>, <c>pageSize</c>,
/// <c>query</c>, <c>orderBy</c>; envelope <c>results</c>, <c>pageNumber</c>, <c>pageSize</c>, <c>totalResults</c>,
/// <c>_links</c>), a record by id, company info as one object, and bank accounts and their transactions under the
/// connection as Codat serves them. Only the committed dataset of the company's current data generation is served: a
/// sync in progress or cancelled is never visible, and the previous dataset stays readable until the next one commits.
/// </summary>
public static class DataReadEndpoints
{
    public static RouteGroupBuilder MapDataReads(this RouteGroupBuilder api)
    {
        var data = api.MapGroup("/companies/{companyId}/data").WithTags("Read data");
        data.MapGet("/info", CompanyInfo).WithName("get-accounting-profile").WithSummary("Codat's company info: one object").Produces<JsonElement>();
        data.MapGet("/{dataType}", List).WithName("list-company-data").Produces<PagedResponse<JsonElement>>();
        data.MapGet($"/{{dataType:{ReadableDataTypes.RouteConstraint}}}/{{recordId}}", Get).WithName("get-company-data-record")
            .WithSummary("One record of a data type by id, from the dataset's id index (404 if none)").Produces<JsonElement>();

        var bank = api.MapGroup("/companies/{companyId}/connections/{connectionId}/data/bankAccounts").WithTags("Read data");
        bank.MapGet("/", ListBankAccounts).WithName("list-connection-bank-accounts").Produces<PagedResponse<JsonElement>>();
        bank.MapGet("/{accountId}", GetBankAccount).WithName("get-connection-bank-account").Produces<JsonElement>();
        bank.MapGet("/{accountId}/bankTransactions", ListBankTransactions)
            .WithName("list-connection-bank-account-transactions").Produces<PagedResponse<JsonElement>>();
        return api;
    }

    private static async Task<IResult> List(
        string companyId, string dataType, HttpContext http, PageQuery paging, IGrainFactory grains, DatasetPageReader reader)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        return ReadableDataTypes.Resolve(dataType) is { } key
            ? await ListAsync(grains, companyId, key, http, paging, reader, scope: null)
            : UnknownDataType(dataType);
    }

    private static async Task<IResult> Get(
        string companyId, string dataType, string recordId, HttpContext http, IGrainFactory grains, IDatasetBlobStore store)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        return ReadableDataTypes.Resolve(dataType) is { } key
            ? await GetAsync(grains, companyId, key, recordId, http, store)
            : UnknownDataType(dataType);
    }

    /// <summary>Codat's company info: the one record of the <c>company</c> dataset, as an object rather than a page.</summary>
    private static async Task<IResult> CompanyInfo(string companyId, HttpContext http, IGrainFactory grains, DatasetPageReader reader)
    {
        if (await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId) is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        var (dataset, error) = await DatasetLookup.FindAsync(grains, companyId, DataTypeNames.Company);
        if (error is not null)
        {
            return error;
        }

        if (dataset is null || dataset.RecordCount == 0)
        {
            return ApiErrors.NotFound($"Company {companyId} has no company info: its data was reset. Refresh the company dataset.");
        }

        try
        {
            var page = await reader.ReadAsync(dataset, new DatasetPageQuery(0, 1, null, null, false), http.RequestAborted);
            return Results.Json(page.Records[0], ApiJson.Options);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return DatasetLookup.Changed(DataTypeNames.Company);
        }
    }

    private static async Task<IResult> ListBankAccounts(
        string companyId, string connectionId, HttpContext http, PageQuery paging, IGrainFactory grains, DatasetPageReader reader) =>
        await FindConnectionAsync(grains, http, companyId, connectionId) is { } error
            ? error
            : await ListAsync(grains, companyId, DataTypeNames.BankAccounts, http, paging, reader, scope: null);

    private static async Task<IResult> GetBankAccount(
        string companyId, string connectionId, string accountId, HttpContext http, IGrainFactory grains, IDatasetBlobStore store) =>
        await FindConnectionAsync(grains, http, companyId, connectionId) is { } error
            ? error
            : await GetAsync(grains, companyId, DataTypeNames.BankAccounts, accountId, http, store);

    /// <summary>One bank account's transactions: the company's bank transactions whose <c>accountId</c> is the account.</summary>
    private static async Task<IResult> ListBankTransactions(
        string companyId, string connectionId, string accountId, HttpContext http, PageQuery paging, IGrainFactory grains,
        IDatasetBlobStore store, DatasetPageReader reader)
    {
        if (await FindConnectionAsync(grains, http, companyId, connectionId) is { } error)
        {
            return error;
        }

        // The account must exist, so a mistyped id is a 404 rather than an empty page.
        var (accounts, accountsError) = await DatasetLookup.FindAsync(grains, companyId, DataTypeNames.BankAccounts);
        if (accountsError is not null)
        {
            return accountsError;
        }

        if (accounts is null || await MergedRecords.FindAsync(store, accounts, accountId, http.RequestAborted) is null)
        {
            return ApiErrors.NotFound($"Bank account {accountId} not found in company {companyId}");
        }

        return await ListAsync(grains, companyId, DataTypeNames.BankTransactions, http, paging, reader,
            scope: record => RecordFields.Find(record, "accountId") is { ValueKind: JsonValueKind.String } id && id.GetString() == accountId);
    }

    private static async Task<IResult?> FindConnectionAsync(IGrainFactory grains, HttpContext http, string companyId, string connectionId)
    {
        var company = await CompanyAccess.FindOwnedAsync(grains, http.User.Caller(), companyId);
        if (company is null)
        {
            return ApiErrors.CompanyNotFound(companyId);
        }

        return company.Connections.Any(c => c.Id == connectionId) ? null : ConnectionsEndpoints.ConnectionNotFound(connectionId);
    }

    private static async Task<IResult> ListAsync(
        IGrainFactory grains, string companyId, string dataType, HttpContext http, PageQuery paging, DatasetPageReader reader,
        Func<JsonElement, bool>? scope)
    {
        if (!paging.Request.TryGetValue(out var page))
        {
            return paging.Request.Error;
        }
        var checkedQuery = ParseQuery(page, scope);
        if (!checkedQuery.TryGetValue(out var query))
        {
            return checkedQuery.Error;
        }

        var (dataset, error) = await DatasetLookup.FindAsync(grains, companyId, dataType);
        if (error is not null)
        {
            return error;
        }

        if (dataset is null)
        {
            return Results.Json(PagedResponse<JsonElement>.Create([], page, 0, http.Request), ApiJson.Options);
        }

        DatasetPage result;
        try
        {
            result = await reader.ReadAsync(dataset, query, http.RequestAborted);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return DatasetLookup.Changed(dataType);
        }

        if (query.OrderBy is { } orderBy && result.TotalResults > 0 && !result.OrderFieldSeen)
        {
            return ApiErrors.BadRequest("orderBy",
                $"orderBy cannot sort on '{orderBy}': no {dataType} record has that field. Name a field of the record ({RecordFields.Description}).");
        }

        var total = (int)Math.Min(result.TotalResults, int.MaxValue);
        return Results.Json(PagedResponse<JsonElement>.Create(result.Records, page, total, http.Request), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(
        IGrainFactory grains, string companyId, string dataType, string recordId, HttpContext http, IDatasetBlobStore store)
    {
        var (dataset, error) = await DatasetLookup.FindAsync(grains, companyId, dataType);
        if (error is not null)
        {
            return error;
        }

        string? record;
        try
        {
            record = dataset is null ? null : await MergedRecords.FindAsync(store, dataset, recordId, http.RequestAborted);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return DatasetLookup.Changed(dataType);
        }

        return record is null
            ? ApiErrors.NotFound($"No {dataType} record with id '{recordId}' in company {companyId}")
            : Results.Text(record, "application/json", System.Text.Encoding.UTF8);
    }

    private static IResult UnknownDataType(string dataType) =>
        ApiErrors.BadRequest("dataType",
            $"dataType '{dataType}' is not a data type Ledgerlink reads from Sage 50; supported: {ReadableDataTypes.Listing}.");

    private static Checked<DatasetPageQuery> ParseQuery(PageRequest page, Func<JsonElement, bool>? scope)
    {
        var parsed = CodatQuery.Parse<JsonElement>(
            page.Query,
            field => RecordFields.IsWellFormed(field) ? record => RecordFields.Text(record, field) : null,
            RecordFields.Description,
            "query");
        if (!parsed.TryGetValue(out var filter))
        {
            return Checked<DatasetPageQuery>.Refuse(parsed.Error);
        }

        string? orderBy = null;
        var descending = false;
        if (page.OrderBy is { } raw)
        {
            descending = raw.StartsWith('-');
            orderBy = raw.TrimStart('-', '+').Trim();
            if (!RecordFields.IsWellFormed(orderBy))
            {
                return Checked<DatasetPageQuery>.Refuse(ApiErrors.BadRequest("orderBy",
                    $"orderBy cannot sort on '{orderBy}'; name a field of the record ({RecordFields.Description}), '-' first for descending."));
            }
        }

        var combined = (page.Query is null ? null : filter, scope) switch
        {
            (null, null) => null,
            ({ } f, null) => f,
            (null, { } s) => s,
            var (f, s) => record => s!(record) && f!(record),
        };
        var skip = (long)(page.Page - 1) * page.PageSize;
        return new DatasetPageQuery(skip, page.PageSize, combined, orderBy, descending);
    }
}
