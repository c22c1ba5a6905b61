using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using EarlyWarning.Domain.Partners;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Partners;

/// <summary>
/// POSTs a message as <c>application/cap+xml</c> with <c>X-EarlyWarning-Timestamp</c> (unix
/// seconds), <c>X-EarlyWarning-Signature</c> (<see cref="WebhookSignature"/>) and
/// <c>X-EarlyWarning-Delivery</c> (the same on every retry, so the partner can drop repeats).
/// One pooled client; no redirects (the address was checked, not where it might send us), no
/// cookies, and every connection through <see cref="PartnerConnectGuard"/>.
/// </summary>
public sealed class HttpPartnerTransport : IPartnerTransport, IDisposable
{
    /// <summary>The header names.</summary>
    public const string TimestampHeader = "X-EarlyWarning-Timestamp";

    /// <inheritdoc cref="TimestampHeader" />
    public const string SignatureHeader = "X-EarlyWarning-Signature";

    /// <inheritdoc cref="TimestampHeader" />
    public const string DeliveryHeader = "X-EarlyWarning-Delivery";

    /// <summary>The body's media type.</summary>
    public const string ContentType = "application/cap+xml";

    private readonly HttpClient _client;

    /// <summary>One client for the silo's lifetime; its connections go through <paramref name="guard"/>.</summary>
    public HttpPartnerTransport(PartnerConnectGuard guard, IOptions<PartnerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(options);
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Value.RequestTimeout,
        })
        {
            Timeout = options.Value.RequestTimeout,
        };
    }

    /// <inheritdoc />
    public async Task<PartnerAnswer> Send(PartnerRegistration partner, string deliveryId, string body, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, partner.Profile.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, ContentType),
        };
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Compute(partner.Secret, timestamp, body));
        request.Headers.Add(DeliveryHeader, deliveryId);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("EarlyWarning", "1"));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new PartnerAnswer((int)response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            return new PartnerAnswer(null, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PartnerAnswer(null, "The partner did not answer in time.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
