using System.Globalization;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// One run of a fault campaign: where the fault hit, how long the sync took to move again after it, whether every
/// data type committed exactly what the company holds, whether data status, history and reads agreed, and how the API
/// answered while the fault lasted. <see cref="Problems"/> lists everything that makes the run a failure.
/// </summary>
public sealed record FaultRunResult(
    FaultScenario Scenario,
    int Run,
    double FaultAtSeconds,
    string FaultPhase,
    double? RecoverySeconds,
    double? FinishedAfterFaultSeconds,
    int ExactDataTypes,
    int DataTypes,
    bool ViewsAgree,
    IReadOnlyDictionary<int, int> ApiAnswers,
    int AcceptedDuringFault,
    int AcceptedRanAfterwards,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    public int ServerErrors => ApiAnswers.Where(a => a.Key >= 500 && a.Key != 503).Sum(a => a.Value);

    public string Answers => ApiAnswers.Count == 0
        ? "-"
        : string.Join(' ', ApiAnswers.OrderBy(a => a.Key).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}x{a.Value}")));
}
