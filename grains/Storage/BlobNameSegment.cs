using System.Text;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// One segment of a blob name made from an id we do not control (service id, company id, data type, dataset id):
/// ASCII letters, digits, '-' and '_' are kept; every other UTF-8 byte becomes <c>~XX</c>, so any id gives a valid,
/// URL-safe name that never ends in a dot or slash and never collides with another id's.
/// </summary>
public static class BlobNameSegment
{
    public static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // An empty segment would collapse "a//b"; keep the slot visible instead.
        return escaped.Length == 0 ? "~" : escaped.ToString();
    }
}
