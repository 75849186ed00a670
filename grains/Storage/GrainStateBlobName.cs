using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Grains.Storage;

/// <summary>
/// Names the blob holding one grain state: <c>{serviceId}/{stateName}/{grainType}/{grainKey}</c>.
/// </summary>
/// <remarks>
/// Each part is escaped so any grain key yields a valid, URL-safe blob name that never ends in a dot or slash:
/// ASCII letters, digits, '-' and '_' are kept; every other UTF-8 byte becomes <c>~XX</c>.
/// The name carries no serializer-specific extension, so switching serializers never orphans stored state.
/// </remarks>
public static class GrainStateBlobName
{
    private const int MaxBlobNameLength = 1024;

    public static string For(string serviceId, string stateName, GrainId grainId)
    {
        var prefix = $"{Escape(serviceId)}/{Escape(stateName)}/{Escape(grainId.Type.ToString()!)}/";
        var key = Escape(grainId.Key.ToString()!);
        if (prefix.Length + key.Length > MaxBlobNameLength)
        {
            // Very long string keys: a hash keeps the name within Azure's limit and still unique per key.
            key = "~sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grainId.Key.ToString()!)));
        }

        return prefix + key;
    }

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
