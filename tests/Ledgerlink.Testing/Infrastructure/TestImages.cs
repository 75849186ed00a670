namespace Ledgerlink.Testing.Infrastructure;

/// <summary>Small images for branding tests, as bytes.</summary>
public static class TestImages
{
    /// <summary>A real 24 × 12 PNG, solid #E63946: a browser decodes it, so its natural width is 24.</summary>
    public static byte[] Png24x12 { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAMCAIAAAD3UuoiAAAAF0lEQVR42mN4ZulGFcQwatCoQaMG4UMAB3yRsKGm5B8AAAAASUVORK5CYII=");

    /// <summary>A JPEG's start (SOI + APP0 JFIF) and filler: enough for a type check by content.</summary>
    public static byte[] JpegStart { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    public static byte[] Gif { get; } = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray();

    public static byte[] SvgWithScript { get; } =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"u8.ToArray();

    /// <summary>Starts like a PNG but is <paramref name="bytes"/> long: over the size limit it must be refused for its size.</summary>
    public static byte[] PngOfSize(int bytes)
    {
        var image = new byte[bytes];
        Png24x12.AsSpan(0, 8).CopyTo(image);
        return image;
    }
}
