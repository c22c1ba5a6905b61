using System.Collections.Concurrent;
using System.Threading.Channels;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Grains.Dispatch;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The bounded queue between the alert sink and the push workers. A batch's push recipients go in
/// as jobs sharing one <see cref="PushContent"/> per kind and language. Two lanes: <c>new</c> and
/// <c>cancel</c> are taken before any queued <c>update</c>, so a fresh case is not stuck behind
/// 100 000 updates of another. A job is dropped when taken if something newer made it pointless:
/// an <c>update</c> once a later version of its case is queued (the newer one says more, and its
/// <c>Topic</c> would replace it at the push service anyway), anything but the <c>cancel</c> once
/// its case is cancelled (so a queued <c>new</c> naming the child is not sent after the case closed).
/// When a lane is full the batch waits for room (after its live-socket sends), but at most
/// <see cref="PushOptions.EnqueueWait"/>: the region's call to the gateway's sink would time out
/// (30 s) and the batch go to a sink again, live alerts and all. What finds no room by then is
/// dropped and counted. Memory stays bounded at <see cref="PushOptions.QueueCapacity"/> jobs per
/// lane, 16 bytes each.
/// </summary>
public sealed class PushOutbox
{
    private readonly Channel<PushJob> _urgent;
    private readonly Channel<PushJob> _routine;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;

    // Per case: the latest update version queued, and whether its cancel is. A few hundred cases a
    // year; an entry is a few dozen bytes.
    private readonly ConcurrentDictionary<string, CaseMark> _marks = new(StringComparer.Ordinal);
    private long _superseded;

    public PushOutbox(IOptions<PushOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _urgent = Lane(_options.QueueCapacity);
        _routine = Lane(_options.QueueCapacity);
    }

    /// <summary>Jobs waiting now, both lanes.</summary>
    public int Count => _urgent.Reader.Count + _routine.Reader.Count;

    /// <summary>Jobs dropped so far because a newer message for their case made them pointless.</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    /// <summary>
    /// Queues a push for every recipient of <paramref name="batch"/> that has a push subscription;
    /// how many were queued, and how many found no room within <see cref="PushOptions.EnqueueWait"/>.
    /// </summary>
    public async ValueTask<(int Queued, int Dropped)> Enqueue(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_options.Enabled)
        {
            return (0, 0);
        }

        var contents = new Dictionary<(AlertKind, string), PushContent>();
        var queued = 0;
        var dropped = 0;
        CancellationTokenSource? waiting = null;
        foreach (var recipient in batch.Recipients)
        {
            if (!recipient.Push)
            {
                continue;
            }

            if (!contents.TryGetValue((recipient.Kind, recipient.Language), out var content))
            {
                contents[(recipient.Kind, recipient.Language)] = content = Compose(batch, recipient.Kind, recipient.Language);
                Mark(content);
            }

            var lane = recipient.Kind == AlertKind.Update ? _routine : _urgent;
            var job = new PushJob(recipient.SubscriberId, content);
            if (lane.Writer.TryWrite(job))
            {
                queued++;
                continue;
            }

            // One deadline for the whole batch, started the first time it finds a lane full.
            waiting ??= new CancellationTokenSource(_options.EnqueueWait, _time);
            try
            {
                await lane.Writer.WriteAsync(job, waiting.Token);
                queued++;
            }
            catch (OperationCanceledException) when (waiting.IsCancellationRequested)
            {
                dropped++;
            }
        }

        waiting?.Dispose();
        return (queued, dropped);
    }

    /// <summary>The next job worth sending, urgent lane first; waits while both lanes are empty.</summary>
    public async ValueTask<PushJob> Take(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(out var job))
            {
                return job;
            }

            await Task.WhenAny(_urgent.Reader.WaitToReadAsync(cancellationToken).AsTask(), _routine.Reader.WaitToReadAsync(cancellationToken).AsTask());
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The next job worth sending, urgent lane first, without waiting: false when both lanes are empty.</summary>
    public bool TryTake(out PushJob job)
    {
        while (_urgent.Reader.TryRead(out job) || _routine.Reader.TryRead(out job))
        {
            if (!IsSuperseded(job))
            {
                return true;
            }

            Interlocked.Increment(ref _superseded);
        }

        return false;
    }

    /// <summary>Whether a newer message for the job's case makes it pointless (checked again before each retry).</summary>
    public bool IsSuperseded(PushJob job)
    {
        var content = job.Content;
        return _marks.TryGetValue(content.CaseId, out var mark)
            && ((mark.Cancelled && content.Kind != AlertKind.Cancel) || (content.Kind == AlertKind.Update && content.Version < mark.LatestUpdate));
    }

    private void Mark(PushContent content)
    {
        if (content.Kind == AlertKind.New)
        {
            return;
        }

        _marks.AddOrUpdate(
            content.CaseId,
            _ => Marked(default, content),
            (_, mark) => Marked(mark, content));
    }

    private static CaseMark Marked(CaseMark mark, PushContent content) => content.Kind == AlertKind.Cancel
        ? mark with { Cancelled = true }
        : mark with { LatestUpdate = Math.Max(mark.LatestUpdate, content.Version) };

    private PushContent Compose(AlertBatch batch, AlertKind kind, string language)
    {
        // The short form is the notification's body; a cancel names no child, whatever the batch holds.
        var words = AlertWords.For(kind, language, batch.Child, batch.Anchors, batch.Exercise);
        var body = new PushPayload(kind, batch.CaseId, batch.Version, language, words.Headline, words.ShortText, batch.IssuedAt, batch.Exercise ? true : null).ToJson();
        var urgency = kind == AlertKind.New ? PushMessageUrgency.High : PushMessageUrgency.Normal;
        var expires = Min(batch.IssuedAt + _options.AlertLifetime, _time.GetUtcNow() + PushContent.MaxTimeToLive);
        return new PushContent(batch.CaseId, batch.Version, kind, PushPayload.TopicFor(batch.CaseId), urgency, expires, body);
    }

    private static Channel<PushJob> Lane(int capacity) =>
        Channel.CreateBounded<PushJob>(new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.Wait });

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private readonly record struct CaseMark(long LatestUpdate, bool Cancelled);
}
