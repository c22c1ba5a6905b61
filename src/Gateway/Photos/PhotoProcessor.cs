using Microsoft.Extensions.Options;
using SkiaSharp;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// Decodes an upload with Skia and encodes it afresh as JPEG in the two sizes. Nothing of the
/// original file survives but its pixels: EXIF (GPS position, camera, time), XMP, ICC and comments
/// are dropped because the encoder writes only what it is given. The header's dimensions are
/// checked before any pixel is decoded; JPEGs are decoded scaled down where the codec can.
/// </summary>
public sealed class PhotoProcessor(IOptions<PhotoOptions> options) : IDisposable
{
    private readonly PhotoOptions _options = options.Value;
    private readonly SemaphoreSlim _decodes = new(Math.Max(1, options.Value.ConcurrentDecodes));

    public void Dispose() => _decodes.Dispose();

    /// <summary>The re-encoded photo, or why the bytes cannot be one.</summary>
    public async Task<(ProcessedPhoto? Photo, PhotoProblem? Problem)> Process(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (PhotoFormat.Sniff(data) is not { } sniffed)
        {
            return (null, PhotoProblem.WrongType($"'{PhotoProblem.Field}' must be a JPEG, PNG or WebP image."));
        }

        await _decodes.WaitAsync(cancellationToken);
        try
        {
            return Decode(data, sniffed);
        }
        finally
        {
            _decodes.Release();
        }
    }

    private (ProcessedPhoto? Photo, PhotoProblem? Problem) Decode(byte[] data, string sniffed)
    {
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null)
        {
            return (null, PhotoProblem.Invalid($"'{PhotoProblem.Field}' could not be read as a {Name(sniffed)} image: it is truncated or corrupt."));
        }

        if (MediaType(codec.EncodedFormat) != sniffed)
        {
            return (null, PhotoProblem.WrongType($"'{PhotoProblem.Field}' must be a JPEG, PNG or WebP image."));
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > _options.MaxPixels)
        {
            return (null, PhotoProblem.Invalid(
                $"'{PhotoProblem.Field}' declares {width} × {height} pixels; at most {_options.MaxPixels / 1_000_000.0:0.#} megapixels are accepted."));
        }

        // Scaled decoding (JPEG: 1/2, 1/4, 1/8) when the phone size is smaller anyway.
        var wanted = Math.Min(1f, _options.PhoneMaxSide / (float)Math.Max(width, height));
        var scaled = codec.GetScaledDimensions(wanted);
        var size = Math.Max(scaled.Width, scaled.Height) >= Math.Min(_options.PhoneMaxSide, Math.Max(width, height))
            ? scaled
            : new SKSizeI(width, height);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var pixels = new SKBitmap(info);
        var result = codec.GetPixels(info, pixels.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return (null, PhotoProblem.Invalid($"'{PhotoProblem.Field}' could not be decoded as a {Name(sniffed)} image ({result}): it is truncated or corrupt."));
        }

        var origin = codec.EncodedOrigin;
        var phone = Render(pixels, origin, _options.PhoneMaxSide, out var phoneWidth, out var phoneHeight);
        var map = Render(pixels, origin, _options.MapMaxSide, out _, out _);
        return (new ProcessedPhoto(phone, map, phoneWidth, phoneHeight), null);
    }

    /// <summary>Upright (the EXIF orientation applied), at most <paramref name="maxSide"/> on its longer side, on white, as JPEG.</summary>
    private byte[] Render(SKBitmap source, SKEncodedOrigin origin, int maxSide, out int width, out int height)
    {
        var turned = (int)origin >= (int)SKEncodedOrigin.LeftTop;
        var (uprightWidth, uprightHeight) = turned ? (source.Height, source.Width) : (source.Width, source.Height);
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(uprightWidth, uprightHeight));
        width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(width / (float)uprightWidth, height / (float)uprightHeight);
            canvas.Concat(Upright(origin, source.Width, source.Height));
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var jpeg = target.Encode(SKEncodedImageFormat.Jpeg, _options.JpegQuality);
        return jpeg.ToArray();
    }

    /// <summary>The transform from the stored pixels to the upright picture (EXIF orientations 1–8).</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static string? MediaType(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => PhotoFormat.Jpeg,
        SKEncodedImageFormat.Png => PhotoFormat.Png,
        SKEncodedImageFormat.Webp => PhotoFormat.WebP,
        _ => null,
    };

    private static string Name(string mediaType) => mediaType switch
    {
        PhotoFormat.Jpeg => "JPEG",
        PhotoFormat.Png => "PNG",
        _ => "WebP",
    };
}
