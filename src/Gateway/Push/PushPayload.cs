using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// What a service worker receives: enough to show the notification and open the case, nothing
/// more (no zone, no photo; after a cancel, no name, since the wording leaves it out).
/// <c>Exercise</c>: true for a drill, absent otherwise (the headline and text carry the mark as well).
/// </summary>
public sealed record PushPayload(AlertKind Kind, string CaseId, long Version, string Language, string Headline, string Text, DateTimeOffset IssuedAt, bool? Exercise = null)
{
    // The API's JSON, but Cyrillic kept as itself rather than \uXXXX: six bytes a letter would halve what fits.
    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The body's ceiling; push services take about 4 KB, and a notification shows far less.</summary>
    public const int MaxBytes = 2048;

    /// <summary>UTF-8 JSON within <see cref="MaxBytes"/>: the text is shortened (with an ellipsis) if need be.</summary>
    public byte[] ToJson()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, Json);
        if (json.Length <= MaxBytes)
        {
            return json;
        }

        var over = json.Length - MaxBytes;
        var text = Text;
        while (over > 0 && text.Length > 0)
        {
            var cut = Math.Max(1, Math.Min(text.Length, over / 4));
            text = text[..^cut];
            json = JsonSerializer.SerializeToUtf8Bytes(this with { Text = text + "…" }, Json);
            over = json.Length - MaxBytes;
        }

        return json;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
        JsonSetup.Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>A case's RFC 8030 topic: base64url, 32 characters, the same for every message of the case.</summary>
    public static string TopicFor(string caseId) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(caseId)))[..32];
}
