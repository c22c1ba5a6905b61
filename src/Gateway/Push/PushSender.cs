using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Grains.Subscribers;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// Sends one job on the pooled <c>web-push</c> client and classifies the answer: the body
/// encrypted here (<see cref="WebPushEncryption"/>, RFC 8291 <c>aes128gcm</c>), the VAPID header
/// from Lib.Net.Http.WebPush (RFC 8292, signed once per push service origin and cached), and the
/// RFC 8030 headers <c>TTL</c>, <c>Urgency</c> and <c>Topic</c>. 429 and 5xx come back as
/// <see cref="PushOutcome.Retry"/>: <see cref="PushWorker"/> retries them with back-off and
/// <c>Retry-After</c>.
/// </summary>
public sealed class PushSender(
    IGrainFactory grains,
    IHttpClientFactory httpClients,
    VapidIdentity identity,
    SubscriberKeyCache keys,
    PushEndpointPolicy policy,
    AccountStore accounts,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<PushSender> logger)
{
    /// <summary>The named <see cref="HttpClient"/> the push requests go through.</summary>
    public const string ClientName = "web-push";

    // The handler (and its pool) lives for the app: one client over it is enough.
    private HttpClient? _client;

    private bool FieldAccountHolds(string username, string stamp) =>
        accounts.Find(username) is { Role: Roles.Field } account && account.Stamp == stamp;

    /// <summary>
    /// One attempt, to each of the subscriber's push subscriptions (its phones); on
    /// <see cref="PushOutcome.Retry"/> with the longest delay a service named. Retried when any
    /// phone's service asks to be (the phones that took it already show it once: their workers keep
    /// what they notified); accepted when any took it.
    /// </summary>
    public async Task<(PushOutcome Outcome, TimeSpan? RetryAfter)> Send(PushJob job, CancellationToken cancellationToken)
    {
        var subscriptions = await grains.GetGrain<ISubscriberGrain>(job.SubscriberId).GetPushes();
        if (subscriptions.Length == 0)
        {
            return (PushOutcome.Skipped, null);
        }

        var ttl = job.Content.TimeToLiveAt(time.GetUtcNow());
        if (ttl <= 0)
        {
            return (PushOutcome.Failed, null);
        }

        var outcomes = new List<(PushOutcome Outcome, TimeSpan? RetryAfter)>(subscriptions.Length);
        foreach (var subscription in subscriptions)
        {
            outcomes.Add(await SendTo(job, subscription, ttl, cancellationToken));
        }

        foreach (var outcome in (PushOutcome[])[PushOutcome.Retry, PushOutcome.Accepted, PushOutcome.Failed, PushOutcome.Expired])
        {
            if (outcomes.Any(o => o.Outcome == outcome))
            {
                return (outcome, outcomes.Where(o => o.Outcome == outcome).Max(o => o.RetryAfter));
            }
        }

        return (PushOutcome.Skipped, null);
    }

    /// <summary>One attempt to one subscription.</summary>
    private async Task<(PushOutcome Outcome, TimeSpan? RetryAfter)> SendTo(
        PushJob job, PushSubscriptionRecord subscription, int ttl, CancellationToken cancellationToken)
    {
        // A field team's phone gets internal cases: once its account is gone or changed, nothing more.
        if (subscription.AccountStamp is { } stamp && !FieldAccountHolds(job.SubscriberId, stamp))
        {
            PushLog.AccountGone(logger, job.SubscriberId);
            await grains.GetGrain<ISubscriberGrain>(job.SubscriberId).RemovePush(subscription.Endpoint);
            return (PushOutcome.Skipped, null);
        }

        // Checked again at sending: the allow-list may have shrunk since the subscription was put.
        if (policy.Refusal(subscription.Endpoint) is not null)
        {
            PushLog.EndpointRefused(logger, job.SubscriberId);
            return (PushOutcome.Failed, null);
        }

        var client = _client ??= httpClients.CreateClient(ClientName);
        using var request = Request(job.Content, subscription, ttl);

        // A request made here does not take the client's defaults by itself (only its own helpers do).
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = response.StatusCode;
            if (status is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                return (PushOutcome.Accepted, null);
            }

            if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                await grains.GetGrain<ISubscriberGrain>(job.SubscriberId).RemovePush(subscription.Endpoint);
                return (PushOutcome.Expired, null);
            }

            if (status == HttpStatusCode.TooManyRequests || (int)status >= 500)
            {
                return (PushOutcome.Retry, RetryAfter(response.Headers.RetryAfter));
            }

            PushLog.Refused(logger, job.SubscriberId, (int)status);
            return (PushOutcome.Failed, null);
        }
        catch (HttpRequestException ex)
        {
            PushLog.Unreachable(logger, ex, job.SubscriberId);
            return (PushOutcome.Retry, null);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout, not a shutdown.
            PushLog.Unreachable(logger, ex, job.SubscriberId);
            return (PushOutcome.Retry, null);
        }
    }

    /// <summary>The RFC 8030 request for one subscription: a fresh encryption of the shared payload.</summary>
    private HttpRequestMessage Request(PushContent content, PushSubscriptionRecord subscription, int ttl)
    {
        var vapid = identity.Authentication ?? throw new InvalidOperationException("Push is off: there is no VAPID identity to send with.");
        var endpoint = new Uri(subscription.Endpoint);
        var body = WebPushEncryption.Encrypt(content.Body, keys.Get(subscription.P256dh), PushKeyText.Decode(subscription.Auth));
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "aes128gcm");
        var headers = request.Headers;
        headers.TryAddWithoutValidation("TTL", ttl.ToString(CultureInfo.InvariantCulture));
        if (UrgencyHeader(content.Urgency) is { } urgency)
        {
            headers.TryAddWithoutValidation("Urgency", urgency);
        }

        if (!string.IsNullOrEmpty(content.Topic))
        {
            headers.TryAddWithoutValidation("Topic", content.Topic);
        }

        // RFC 8292 §2: aud is the push resource's origin, its port included when not 443.
        var audience = endpoint.GetLeftPart(UriPartial.Authority);
        headers.Authorization = new AuthenticationHeaderValue("vapid", vapid.GetVapidSchemeAuthenticationHeaderValueParameter(audience));
        return request;
    }

    /// <summary>RFC 8030 §5.3: no header means normal.</summary>
    private static string? UrgencyHeader(PushMessageUrgency urgency) => urgency switch
    {
        PushMessageUrgency.VeryLow => "very-low",
        PushMessageUrgency.Low => "low",
        PushMessageUrgency.High => "high",
        _ => null,
    };

    /// <summary>The delay a <c>Retry-After</c> names (seconds or a date); null when there is none.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(TimeSpan.Zero, date - time.GetUtcNow()) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The options in force (for the worker's retry policy).</summary>
    internal PushOptions Options => options.Value;
}
