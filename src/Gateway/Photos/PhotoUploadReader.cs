using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EarlyWarning.Gateway.Photos;

/// <summary>
/// Reads the multipart field <c>file</c> of an upload, never holding more than the limit: a
/// declared length beyond it is refused before reading, and a body that runs past it (chunked,
/// or a lying length) is refused as soon as it does.
/// </summary>
public static class PhotoUploadReader
{
    /// <summary>Room for the multipart boundaries and headers around the file.</summary>
    private const long EnvelopeBytes = 64 * 1024;

    public static async Task<(byte[]? Data, PhotoProblem? Problem)> Read(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, PhotoProblem.WrongType($"Send multipart/form-data with the image in the field '{PhotoProblem.Field}'."));
        }

        if (request.ContentLength > maxBytes + EnvelopeBytes)
        {
            return (null, PhotoProblem.TooLarge(maxBytes));
        }

        // The server stops a longer body too (Kestrel answers 413 by itself past this).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + EnvelopeBytes;
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals(PhotoProblem.Field, StringComparison.Ordinal))
                {
                    continue;
                }

                var data = await ReadAtMost(section.Body, maxBytes, cancellationToken);
                return data switch
                {
                    null => (null, PhotoProblem.TooLarge(maxBytes)),
                    { Length: 0 } => (null, PhotoProblem.Invalid($"'{PhotoProblem.Field}' is empty.")),
                    _ => (data, null),
                };
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, PhotoProblem.TooLarge(maxBytes));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            return (null, PhotoProblem.Invalid($"The multipart body could not be read; send the image in the field '{PhotoProblem.Field}'."));
        }

        return (null, PhotoProblem.Invalid($"'{PhotoProblem.Field}' is required: the image, as a multipart field named '{PhotoProblem.Field}'."));
    }

    /// <summary>The stream's bytes, or null as soon as there are more than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadAtMost(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
