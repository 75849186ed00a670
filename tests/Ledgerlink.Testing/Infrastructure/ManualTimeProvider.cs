namespace Ledgerlink.Testing.Infrastructure;

/// <summary>
/// A clock the test moves: the silo's <see cref="TimeProvider"/> for rules measured in minutes or days (a confirmation's
/// 30 minutes, the 24 hours after an owner change), so tests need no sleeps. Timers still run on real time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
