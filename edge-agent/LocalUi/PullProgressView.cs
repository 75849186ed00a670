using System.Globalization;
using Ledgerlink.EdgeAgent.Status;

namespace Ledgerlink.EdgeAgent.LocalUi;

/// <summary>
/// A running data type's progress. <see cref="RecordCount"/> is null for a sync of changes only: it sends the changed
/// records, whose number is known only at the end, so its bar shows activity rather than a share.
/// </summary>
public sealed record PullProgressView(string DataType, long RecordsSent, long? RecordCount, string Text)
{
    public static PullProgressView Of(SyncActivity.RunningPull pull)
    {
        var dataType = pull.DataType ?? "data";
        if (pull.ChangesOnly)
        {
            return new PullProgressView(dataType, pull.RecordsSent, null, $"{Count(pull.RecordsSent)} changed records sent");
        }

        return pull.RecordCount > 0
            ? new PullProgressView(dataType, pull.RecordsSent, pull.RecordCount, $"{Count(pull.RecordsSent)} of {Count(pull.RecordCount)} records sent")
            : new PullProgressView(dataType, pull.RecordsSent, null, "Reading from Sage…");
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
