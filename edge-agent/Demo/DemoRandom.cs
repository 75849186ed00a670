namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The generator's only source of chance: xoshiro256** seeded through SplitMix64, in integer arithmetic only, so a
/// seed gives the same company on every machine and .NET version (System.Random makes no such promise, and
/// floating-point library functions may differ in the last bit between platforms).
/// </summary>
internal sealed class DemoRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DemoRandom(int seed)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>0 ≤ n &lt; <paramref name="maxExclusive"/>.</summary>
    public int Int(int maxExclusive) => (int)((Next() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>min ≤ n ≤ max.</summary>
    public int Int(int min, int max) => min + Int(max - min + 1);

    public long Long(long min, long max) => min + (long)(Next() % (ulong)(max - min + 1));

    /// <summary>True with probability <paramref name="perThousand"/>/1000.</summary>
    public bool Chance(int perThousand) => Int(1000) < perThousand;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(items.Count)];

    /// <summary>An index into <paramref name="weights"/>, each chosen in proportion to its weight.</summary>
    public int Weighted(IReadOnlyList<int> weights)
    {
        var total = 0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var roll = Int(total);
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>
    /// An amount in pennies between two bounds, skewed towards the small end the way real invoice values are
    /// (each band of the range is ten times wider and less likely than the one below it).
    /// </summary>
    public long Pennies(long minPennies, long maxPennies)
    {
        var bands = 0;
        var total = 0;
        for (var low = minPennies; low < maxPennies && bands < BandWeights.Length; low *= 10)
        {
            total += BandWeights[bands++];
        }

        var roll = Int(total);
        var band = 0;
        var bandLow = minPennies;
        while (roll >= BandWeights[band])
        {
            roll -= BandWeights[band++];
            bandLow *= 10;
        }

        return Long(bandLow, Math.Min(maxPennies, bandLow * 10));
    }

    private static readonly int[] BandWeights = [50, 35, 12, 3];

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
