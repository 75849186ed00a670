using Ledgerlink.Grains.Mail;
using Ledgerlink.Silo.Api.Authentication;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator;
using Ledgerlink.Silo.Api.Integrator.DataReads;
using Ledgerlink.Silo.Api.Integrator.Financials;
using Ledgerlink.Silo.Api.Json;
using Ledgerlink.Silo.Api.Limits;
using Ledgerlink.Silo.Api.Operator;
using Ledgerlink.Silo.Api.Owner;
using Ledgerlink.Silo.Api.Support;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Ledgerlink.Silo.Api;

/// <summary>
/// The HTTP API, grouped by audience: integrator (Codat-compatible), support and operator, each behind its role.
/// The OpenAPI document is at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.
/// </summary>
public static class ApiModule
{
    public static WebApplicationBuilder AddLedgerlinkApi(this WebApplicationBuilder builder)
    {
        var options = new ApiOptions();
        builder.Configuration.GetSection(ApiOptions.SectionName).Bind(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ApiLinks>();
        builder.Services.AddSingleton<InstallCommands>();
        builder.Services.AddSingleton<CompanyResponses>();
        builder.Services.AddSingleton<DatasetPageReader>();
        builder.Services.AddSingleton<LedgerLoader>();
        builder.Services.AddSingleton(Ledgerlink.Silo.Releases.ReleaseStore.Create(builder.Configuration));

        // Agents download releases through the gateway grain, which reads this same container.
        builder.Services.Replace(ServiceDescriptor.Singleton<Ledgerlink.Grains.Releases.IReleaseFiles>(
            sp => sp.GetRequiredService<Ledgerlink.Silo.Releases.ReleaseStore>()));
        builder.Services.AddHostedService<BootstrapApiKeys>();
        builder.Services.AddLedgerlinkApiAuthentication();
        builder.AddLedgerlinkRequestLimits();
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Ledgerlink API";
            document.Info.Description =
                "Sync orchestration for Sage 50. Integrator endpoints follow Codat's Platform API; authenticate with " +
                "'Authorization: Basic <base64 of your API key>'.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapLedgerlinkApi(this WebApplication app)
    {
        app.UseCodatErrors();
        app.UseLedgerlinkRequestLimits();
        app.UseAuthentication();
        app.UseUnknownCredentialTracking();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("Ledgerlink API"));
        app.MapLinkPages();
        app.MapOwnerConfirmationPages();

        // Links in confirmation emails point at this API unless Ledgerlink:Mail:PublicBaseUrl says otherwise.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
            if (addresses?.FirstOrDefault() is { } address && Uri.TryCreate(address, UriKind.Absolute, out var listening))
            {
                app.Services.GetRequiredService<ConfirmationLinks>().UseListeningAddress(listening);
            }
        });

        var integrator = app.MapGroup(string.Empty).RequireAuthorization(ApiPolicies.Integrator);
        integrator.MapCompanies().MapConnections().MapRefresh().MapDataStatus().MapWebhooks().MapIntegrations().MapBranding();
        integrator.MapDataReads().MapFinancialStatements().MapDataReset();

        app.MapSupportEndpoints();
        app.MapOperatorEndpoints();
        return app;
    }
}
