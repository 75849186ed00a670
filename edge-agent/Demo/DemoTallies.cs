namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// What the generator posted, counted and summed in exact pennies as it went: the record count of every data type
/// and the control totals the readers' output must add up to, kept independently of the readers.
/// </summary>
internal sealed class DemoTallies
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string DataType, string Field), long> _totals = new();

    public void Count(string dataType, long records = 1) => _counts[dataType] = _counts.GetValueOrDefault(dataType) + records;

    public void Add(string dataType, string field, long pennies) =>
        _totals[(dataType, field)] = _totals.GetValueOrDefault((dataType, field)) + pennies;

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public IReadOnlyList<DemoControlTotal> Totals =>
        _totals.Select(t => new DemoControlTotal(t.Key.DataType, t.Key.Field, t.Value / 100m)).ToList();
}
