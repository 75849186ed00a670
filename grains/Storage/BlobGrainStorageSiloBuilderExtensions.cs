using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Ledgerlink.Grains.Storage;

/// <summary>Registers <see cref="BlobGrainStorage"/> providers on a silo, by name, like Orleans' own providers.</summary>
public static class BlobGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds blob grain storage as the provider grains get when they name none.</summary>
    public static ISiloBuilder AddBlobGrainStorageAsDefault(
        this ISiloBuilder builder, Action<BlobGrainStorageOptions> configure) =>
        builder.AddBlobGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>Adds a blob grain storage provider that grains select with <c>[PersistentState(stateName, name)]</c>.</summary>
    public static ISiloBuilder AddBlobGrainStorage(
        this ISiloBuilder builder, string name, Action<BlobGrainStorageOptions> configure) =>
        builder.ConfigureServices(services => services.AddBlobGrainStorage(name, configure));

    public static IServiceCollection AddBlobGrainStorage(
        this IServiceCollection services, string name, Action<BlobGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<BlobGrainStorageOptions>(name).Configure(configure);
        services.ConfigureNamedOptionForLogging<BlobGrainStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp => new BlobGrainStorageOptionsValidator(OptionsFor(sp, name), name));
        return services.AddGrainStorage(name, CreateProvider);
    }

    private static BlobGrainStorage CreateProvider(IServiceProvider services, string name)
    {
        var options = OptionsFor(services, name);
        var serializer = options.GrainStorageSerializer
            ?? ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services);
        return ActivatorUtilities.CreateInstance<BlobGrainStorage>(services, name, options, serializer);
    }

    private static BlobGrainStorageOptions OptionsFor(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<BlobGrainStorageOptions>>().Get(name);
}
