using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The demo's days, numbered from the start of its first financial year, as the text Sage's DATE and timestamp
/// columns hold in the SQLite stand-in ("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"). Strings are made once per day.
/// </summary>
internal sealed class DemoCalendar(DateOnly start, int days)
{
    private readonly string[] _dates = Enumerable.Range(0, days + 400)
        .Select(d => start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        .ToArray();

    public DateOnly Start { get; } = start;

    public int Days { get; } = days;

    public DateOnly DateOf(int day) => Start.AddDays(day);

    public string Date(int day) => _dates[day];

    /// <summary>A time of the working day, spread by <paramref name="sequence"/> so records do not share one instant.</summary>
    public string Timestamp(int day, int sequence)
    {
        var seconds = (8 * 3600) + (int)((uint)sequence * 2654435761u % (9 * 3600));
        return string.Create(CultureInfo.InvariantCulture, $"{_dates[day]} {seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }
}
