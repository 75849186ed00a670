using Azure.Data.Tables;
using Orleans.Configuration;

namespace Ledgerlink.Grains.Reminders;

/// <summary>
/// Orleans reminders in Azure Table storage, in the storage account that already holds grain state
/// (Microsoft.Orleans.Reminders.AzureStorage). Grains use them only to be woken after their silo is lost: see
/// <see cref="WakeUpReminder"/>.
/// </summary>
public static class ReminderSetup
{
    public const string DefaultTableName = "LedgerlinkReminders";

    /// <summary>Orleans' own floor for a reminder's period; tests lower it to see a lost silo's work resume in seconds.</summary>
    public static readonly TimeSpan DefaultMinimumPeriod = TimeSpan.FromMinutes(1);

    public static ISiloBuilder AddLedgerlinkReminders(
        this ISiloBuilder silo, string connectionString, string tableName = DefaultTableName, TimeSpan? minimumPeriod = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        silo.UseAzureTableReminderService(table =>
        {
            var client = new TableClientOptions();

            // As for grain state: fail in seconds when storage does not answer, and let the caller retry.
            client.Retry.MaxRetries = 3;
            client.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
            table.TableServiceClient = new TableServiceClient(connectionString, client);
            table.TableName = tableName;
        });
        silo.Configure<ReminderOptions>(reminders =>
        {
            reminders.MinimumReminderPeriod = minimumPeriod ?? DefaultMinimumPeriod;

            // Orleans waits five minutes for the reminder table at start; a silo whose table service is down should say
            // so sooner (the dataset store's earlier check reports a storage account that is down altogether).
            reminders.InitializationTimeout = TimeSpan.FromSeconds(30);
        });
        return silo;
    }
}
