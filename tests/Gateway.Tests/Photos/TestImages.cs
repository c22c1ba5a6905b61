using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using SkiaSharp;

namespace EarlyWarning.Gateway.Tests.Photos;

/// <summary>Images the photo tests upload: real encodings made with Skia, then altered byte by byte.</summary>
public static class TestImages
{
    /// <summary>The latitude written into <see cref="JpegWithGps"/>'s EXIF, as its ASCII marker.</summary>
    public const string GpsMarker = "GPS-MARKER-41.9981N";

    /// <summary>An image with a gradient and some shapes (so it is not trivially compressible).</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width = 640, int height = 480, int quality = 90)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint();
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
            using var dots = new SKPaint { Color = SKColors.DarkRed };
            var random = new Random(7);
            for (var i = 0; i < 200; i++)
            {
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(2, 12), dots);
            }
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Jpeg(int width = 640, int height = 480) => Encode(SKEncodedImageFormat.Jpeg, width, height);

    /// <summary>
    /// A JPEG with an EXIF APP1 segment right after SOI: IFD0 points at a GPS IFD holding
    /// GPSLatitudeRef "N", GPSLatitude 41/1 59/1 53/1 and an ASCII GPS processing method that
    /// carries <see cref="GpsMarker"/>, so the position is findable in the bytes.
    /// </summary>
    public static byte[] JpegWithGps()
    {
        var jpeg = Jpeg();
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange([(byte)(v >> 8), (byte)v]);
        void U32(long v) => tiff.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

        var marker = Encoding.ASCII.GetBytes("ASCII\0\0\0" + GpsMarker);
        // "MM", 42, IFD0 at 8: one entry (GPSInfo → 26), next IFD 0.
        tiff.AddRange("MM"u8.ToArray());
        U16(42);
        U32(8);
        U16(1);
        U16(0x8825); U16(4); U32(1); U32(26);
        U32(0);
        // GPS IFD at 26: three entries, then the values (latitude at 68, method at 92).
        U16(3);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(68);
        U16(0x001B); U16(7); U32(marker.Length); U32(92);
        U32(0);
        foreach (var (num, den) in new[] { (41, 1), (59, 1), (53, 1) })
        {
            U32(num);
            U32(den);
        }

        tiff.AddRange(marker);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A small JPEG whose frame header (SOF) claims <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var jpeg = Jpeg(64, 64);
        for (var i = 2; i < jpeg.Length - 8; i++)
        {
            // SOF0..SOF2: FF C0/C1/C2, length, precision, then height and width.
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No SOF marker in Skia's JPEG.");
    }

    /// <summary>The first <paramref name="fraction"/> of a JPEG: the header is whole, the scan is cut.</summary>
    public static byte[] Truncated(double fraction)
    {
        var jpeg = Jpeg();
        return jpeg[..(int)(jpeg.Length * fraction)];
    }

    /// <summary>A 1×1 GIF: an image, but not a type the system takes.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>The markers of a JPEG's segments before its scan (E1 is APP1, where EXIF and XMP live).</summary>
    public static List<byte> Markers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }

        return markers;
    }

    /// <summary>A multipart body with <paramref name="data"/> in the field <paramref name="field"/>.</summary>
    public static MultipartFormDataContent Form(byte[] data, string field = "file", string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }
}
