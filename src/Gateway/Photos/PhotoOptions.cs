namespace EarlyWarning.Gateway.Photos;

/// <summary>Limits and sizes of hosted photos (section <c>Photos</c>).</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Largest upload accepted (the file itself); beyond it 413, read no further.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// Most pixels an image may declare in its header, checked before decoding: a small file that
    /// claims a huge image (a decompression bomb) is refused without allocating for it.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side of the size phones, pages and CAP get.</summary>
    public int PhoneMaxSide { get; set; } = 1024;

    /// <summary>Longest side of the map and list thumbnail.</summary>
    public int MapMaxSide { get; set; } = 160;

    /// <summary>JPEG quality of both sizes.</summary>
    public int JpegQuality { get; set; } = 82;

    /// <summary>How long a browser may keep a photo of an active case (private cache only).</summary>
    public TimeSpan BrowserCacheAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Decodes at once per gateway: a 40-megapixel image takes 160 MB while it is decoded.</summary>
    public int ConcurrentDecodes { get; set; } = 2;
}
