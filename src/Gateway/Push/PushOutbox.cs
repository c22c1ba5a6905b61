using System.Threading.Channels;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Dispatch;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The bounded queue between the alert sink and the push workers. A batch's push recipients go in
/// as jobs sharing one <see cref="PushContent"/> per kind and language; when the queue is full the
/// batch waits for room (after its live-socket sends), so memory stays bounded at
/// <see cref="PushOptions.QueueCapacity"/> jobs.
/// </summary>
public sealed class PushOutbox
{
    private readonly Channel<PushJob> _jobs;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;

    public PushOutbox(IOptions<PushOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _jobs = Channel.CreateBounded<PushJob>(new BoundedChannelOptions(Math.Max(1, _options.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    /// <summary>Where the workers take jobs from.</summary>
    public ChannelReader<PushJob> Reader => _jobs.Reader;

    /// <summary>Jobs waiting now.</summary>
    public int Count => _jobs.Reader.Count;

    /// <summary>Queues a push for every recipient of <paramref name="batch"/> that has a push subscription; how many.</summary>
    public async ValueTask<int> Enqueue(AlertBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_options.Enabled)
        {
            return 0;
        }

        var contents = new Dictionary<(AlertKind, string), PushContent>();
        var queued = 0;
        foreach (var recipient in batch.Recipients)
        {
            if (!recipient.Push)
            {
                continue;
            }

            if (!contents.TryGetValue((recipient.Kind, recipient.Language), out var content))
            {
                contents[(recipient.Kind, recipient.Language)] = content = Compose(batch, recipient.Kind, recipient.Language);
            }

            var job = new PushJob(recipient.SubscriberId, content);
            if (!_jobs.Writer.TryWrite(job))
            {
                await _jobs.Writer.WriteAsync(job, cancellationToken);
            }

            queued++;
        }

        return queued;
    }

    private PushContent Compose(AlertBatch batch, AlertKind kind, string language)
    {
        // A cancel names no child, whatever the batch holds (the wording leaves the name out).
        var child = kind == AlertKind.Cancel ? null : batch.Child;
        var (headline, text) = AlertWording.For(kind, language, child?.Name, child?.Age);
        var body = new PushPayload(kind, batch.CaseId, batch.Version, language, headline, text, batch.IssuedAt).ToJson();
        var urgency = kind == AlertKind.New ? PushMessageUrgency.High : PushMessageUrgency.Normal;
        var expires = Min(batch.IssuedAt + _options.AlertLifetime, _time.GetUtcNow() + PushContent.MaxTimeToLive);
        return new PushContent(batch.CaseId, kind, PushPayload.TopicFor(batch.CaseId), urgency, expires, body);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
