using System.Net;
using System.Net.Http.Headers;
using EarlyWarning.Grains.Subscribers;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// Sends one job through Lib.Net.Http.WebPush (aes128gcm, VAPID) on the pooled <c>web-push</c>
/// client and classifies the answer. The library's own 429 retry is off: <see cref="PushWorker"/>
/// retries 429 and 5xx alike, with back-off and <c>Retry-After</c>.
/// </summary>
public sealed class PushSender(
    IGrainFactory grains,
    IHttpClientFactory httpClients,
    VapidIdentity identity,
    PushEndpointPolicy policy,
    IOptions<PushOptions> options,
    TimeProvider time,
    ILogger<PushSender> logger)
{
    /// <summary>The named <see cref="HttpClient"/> the push requests go through.</summary>
    public const string ClientName = "web-push";

    /// <summary>One attempt; on <see cref="PushOutcome.Retry"/> with the delay the service named, if it named one.</summary>
    public async Task<(PushOutcome Outcome, TimeSpan? RetryAfter)> Send(PushJob job, CancellationToken cancellationToken)
    {
        var subscription = await grains.GetGrain<ISubscriberGrain>(job.SubscriberId).GetPush();
        if (subscription is null)
        {
            return (PushOutcome.Skipped, null);
        }

        // Checked again at sending: the allow-list may have shrunk since the subscription was put.
        if (policy.Refusal(subscription.Endpoint) is not null)
        {
            PushLog.EndpointRefused(logger, job.SubscriberId);
            return (PushOutcome.Failed, null);
        }

        var ttl = job.Content.TimeToLiveAt(time.GetUtcNow());
        if (ttl <= 0)
        {
            return (PushOutcome.Failed, null);
        }

        var content = new ByteArrayContent(job.Content.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var message = new PushMessage(content) { Topic = job.Content.Topic, Urgency = job.Content.Urgency, TimeToLive = ttl };
        var target = new PushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var client = new PushServiceClient(httpClients.CreateClient(ClientName))
        {
            AutoRetryAfter = false,
            DefaultAuthentication = identity.Authentication,
        };

        try
        {
            await client.RequestPushMessageDeliveryAsync(target, message, cancellationToken);
            return (PushOutcome.Accepted, null);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            await grains.GetGrain<ISubscriberGrain>(job.SubscriberId).PushGone(subscription.Endpoint);
            return (PushOutcome.Expired, null);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500)
        {
            return (PushOutcome.Retry, RetryAfter(ex.Headers?.RetryAfter));
        }
        catch (PushServiceClientException ex)
        {
            PushLog.Refused(logger, job.SubscriberId, (int)ex.StatusCode);
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
