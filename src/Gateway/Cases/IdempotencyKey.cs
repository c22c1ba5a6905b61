using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The <c>Idempotency-Key</c> header of <c>POST /api/cases</c>: 1 to 200 printable ASCII characters,
/// remembered per account, so a retry with the same key gets the first answer instead of a second case.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer that repeats an earlier one for the same key.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxLength = 200;

    /// <summary>The key (null when the request has none), or the error naming the header.</summary>
    public static (string? Key, string? Error) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return (null, null);
        }

        if (values.Count != 1)
        {
            return (null, $"Send one '{Header}' header, not {values.Count}.");
        }

        var key = values[0] ?? "";
        return key.Length is >= 1 and <= MaxLength && key.All(c => c is >= ' ' and <= '~')
            ? (key, null)
            : (null, $"'{Header}' must be 1 to {MaxLength} printable ASCII characters.");
    }

    /// <summary>The grain key: a hash of account and key, so neither sits in a grain id or a log.</summary>
    public static string GrainKey(string account, string key) => Hash($"{account}\n{key}");

    /// <summary>What "the same request" means: the body as bound, whatever its whitespace or property order.</summary>
    public static string Fingerprint(CreateCaseRequest request) => Hash(JsonSerializer.Serialize(request, JsonSetup.Options));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
