using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Ledgerlink.Grains.Reminders;

/// <summary>
/// A durable alarm for work a grain has promised to do later (a webhook retry, a retention deletion). While the grain is
/// active its own timer does the work on time; the reminder, kept in table storage, fires only if that activation was
/// lost with its silo, activating the grain again on a surviving or restarted silo. It repeats at Orleans' minimum
/// reminder period until the grain clears it, so a tick that lands on a busy or failing grain is not the last chance.
/// </summary>
public static class WakeUpReminder
{
    /// <summary>Arms (or moves) the alarm <paramref name="name"/> to fire after <paramref name="dueIn"/>, then periodically.</summary>
    public static Task SetAsync(Grain grain, string name, TimeSpan dueIn)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var period = ((IGrainBase)grain).GrainContext.ActivationServices.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod;
        return grain.RegisterOrUpdateReminder(name, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, period);
    }

    /// <summary>Removes the alarm, if there is one: the promised work is done or no longer wanted.</summary>
    public static async Task ClearAsync(Grain grain, string name)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
