using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EarlyWarning.LoadGen.Gateway;

/// <summary>The REST routes of API.md the load generator calls, on one loopback address.</summary>
internal sealed class GatewayApi : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;

    public GatewayApi(Uri baseAddress, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<string> SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/token", new SignInBody(username, password), Json, cancellationToken);
        return (await ReadAsync<TokenBody>(response, HttpStatusCode.OK, cancellationToken)).AccessToken;
    }

    public async Task<SubscriptionBody> SubscribeAsync(SubscribeBody body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/subscribers", body, Json, cancellationToken);
        return await ReadAsync<SubscriptionBody>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>PUT <c>/api/subscribers/me/location</c>; true on its 204.</summary>
    public async Task<bool> UpdateLocationAsync(string token, double lat, double lon, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Put, "api/subscribers/me/location", token, new LocationBody(lat, lon));
        using var response = await _http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>Opens a case under an <c>Idempotency-Key</c> of its own, so it can be sent again (<see cref="SendAgainWhileUnavailableAsync"/>).</summary>
    public async Task<CaseBody> OpenCaseAsync(string token, OpenCaseBody body, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        using var response = await SendAgainWhileUnavailableAsync(
            () => Request(HttpMethod.Post, "api/cases", token, body, key), "case opening", cancellationToken);
        return await ReadAsync<CaseBody>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Reports <paramref name="body"/>, which its sighting id lets be sent again (<see cref="SendAgainWhileUnavailableAsync"/>).</summary>
    public async Task ReportSightingAsync(string token, string caseId, SightingBody body, CancellationToken cancellationToken)
    {
        using var response = await SendAgainWhileUnavailableAsync(
            () => Request(HttpMethod.Post, $"api/cases/{caseId}/sightings", token, body), "sighting", cancellationToken);
        await ExpectAsync(response, HttpStatusCode.Accepted, cancellationToken);
    }

    /// <summary>
    /// Sends a request whose second copy is the first (a sighting's id, an opening's
    /// <c>Idempotency-Key</c>: API.md) and, on a 503 (not applied) or 504 (may have been applied),
    /// sends it again, as the control room's page does: under the cluster benchmark's load a
    /// gateway may find the cluster slow for a moment. Up to five tries; answers the last response.
    /// </summary>
    private async Task<HttpResponseMessage> SendAgainWhileUnavailableAsync(Func<HttpRequestMessage> request, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var sent = request();
            var response = await _http.SendAsync(sent, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (attempt >= 5 || response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            await Console.Error.WriteLineAsync($"{what}: {(int)response.StatusCode}, sent again in {wait.TotalSeconds:0} s");
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    public async Task ResolveAsync(string token, string caseId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"api/cases/{caseId}/resolve", token, new ResolveBody("cancelled", "load generator"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ExpectAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>True when <c>GET /healthz</c> answers 200.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("healthz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// A request whose body is serialized up front and sent with its length, as browsers and
    /// phone HTTP stacks send theirs (a streamed JsonContent goes out chunked, in two writes).
    /// </summary>
    private static HttpRequestMessage Request<T>(HttpMethod method, string path, string token, T body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json)) { Headers = { ContentType = JsonMediaType } },
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        await ExpectAsync(response, expected, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new HttpRequestException($"{response.RequestMessage?.RequestUri?.AbsolutePath}: empty body.");
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} (expected {(int)expected}) {body[..Math.Min(body.Length, 300)]}",
            null, response.StatusCode);
    }
}
