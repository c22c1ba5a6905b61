using System.Buffers.Text;

namespace EarlyWarning.Gateway.Push;

/// <summary>Base64url as Web Push uses it (RFC 8291 §4; padding tolerated, nothing else).</summary>
public static class PushKeyText
{
    /// <summary>The bytes, or null when <paramref name="text"/> is not base64url.</summary>
    public static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var trimmed = text.TrimEnd('=');
        if (text.Length - trimmed.Length > 2 || !Base64Url.IsValid(trimmed))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(trimmed);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
