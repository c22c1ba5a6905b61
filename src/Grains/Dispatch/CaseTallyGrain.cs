using EarlyWarning.Domain.Alerts;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace EarlyWarning.Grains.Dispatch;

/// <inheritdoc cref="ICaseTallyGrain" />
public sealed class CaseTallyGrain(
    [PersistentState("case-tally", StorageNames.Default)] IPersistentState<CaseTallyState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ControlRoomOutbox controlRoom,
    ILogger<CaseTallyGrain> logger) : Grain, ICaseTallyGrain
{
    /// <summary>The least time between two kept samples of the figures' history (replay needs no finer).</summary>
    public static readonly TimeSpan HistorySpacing = TimeSpan.FromSeconds(1);

    /// <summary>The most samples the history keeps: a few tens of kB beside the subscriber sets.</summary>
    public const int HistoryCapacity = 2_000;

    /// <summary>How long changed figures wait to be stored: the most a silo that dies can lose.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(1);

    /// <summary>How often, at most, the control room hears a case's figures, however many batches land.</summary>
    public static readonly TimeSpan PublishDelay = TimeSpan.FromMilliseconds(250);

    private SealedPages _pages = null!;
    private IGrainTimer? _writeTimer;
    private IGrainTimer? _publishTimer;

    private CaseTallyState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pages = new SealedPages(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), this.GetGrainId());
        await S.LoadIds(_pages);
    }

    /// <inheritdoc />
    public async Task RecordAlerted(long version, string[] subscriberIds)
    {
        ArgumentNullException.ThrowIfNull(subscriberIds);
        var added = CountInto(S.Alerted, subscriberIds);
        Changed(version, added);
        if (added)
        {
            // Stored before the tile hears "counted" and drops its report: a silo killed within the
            // write delay took a whole fan-out's alerted with it (every report lands in that second).
            // A failed write fails the call, and the tile reports again.
            await WriteNow();
        }
    }

    /// <inheritdoc />
    public Task RecordDelivery(long version, string[] reachedNew, int sent, double latencyMs)
    {
        ArgumentNullException.ThrowIfNull(reachedNew);
        CountInto(S.Delivered, reachedNew);
        if (sent > 0)
        {
            var histogram = new LatencyHistogram(S.LatencyBuckets);
            histogram.Record(latencyMs, sent);
            S.LatencyBuckets = histogram.Counts;
        }

        Changed(version, sent > 0 || reachedNew.Length > 0);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordPushed(string[] subscriberIds)
    {
        ArgumentNullException.ThrowIfNull(subscriberIds);
        Changed(0, CountInto(S.Pushed, subscriberIds));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<CaseRefusal> RecordAcknowledgement(string subscriberId, long version)
    {
        if (S.CaseVersion == 0)
        {
            return CaseRefusal.NotFound;
        }

        if (version < 1 || version > S.CaseVersion)
        {
            return CaseRefusal.UnknownVersion;
        }

        if (S.Acknowledged.Add(subscriberId))
        {
            // A person's answer, and rare beside deliveries: stored before it is confirmed (with
            // every figure counted so far), not write-behind.
            Changed(0, figuresMoved: true);
            await WriteNow();
        }

        return CaseRefusal.None;
    }

    /// <inheritdoc />
    public Task<CaseStats> GetStats(long caseVersion)
    {
        if (caseVersion > S.CaseVersion)
        {
            // Stored, not published: the version alone is no news to the control room.
            S.CaseVersion = caseVersion;
            ScheduleWrite();
        }

        return Task.FromResult(S.ToStats());
    }

    /// <inheritdoc />
    public Task<TallySample[]> GetHistory() => Task.FromResult(S.History.ToArray());

    /// <inheritdoc />
    public async Task Seed(CaseTallySeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        S.CaseVersion = Math.Max(S.CaseVersion, seed.CaseVersion);
        if (!S.Seeded)
        {
            S.Seeded = true;
            S.Legacy = seed.Legacy with { Acknowledged = 0, P50Ms = 0, P99Ms = 0 };
            foreach (var id in seed.AcknowledgedBy)
            {
                S.Acknowledged.Add(id);
            }

            if (seed.LatencyBuckets is { Length: LatencyHistogram.BucketCount } legacy)
            {
                var merged = new LatencyHistogram(S.LatencyBuckets);
                for (var i = 0; i < legacy.Length; i++)
                {
                    merged.Counts[i] += legacy[i];
                }

                S.LatencyBuckets = merged.Counts;
            }
        }

        // Rare (once per case that predates the tally): stored at once.
        await WriteNow();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writeTimer is not null)
        {
            _writeTimer.Dispose();
            _writeTimer = null;
            try
            {
                await Store(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing left to retry with: the last second of counts is lost, as with a crash.
                DispatchLog.TallyNotStored(logger, ex, this.GetPrimaryKeyString());
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private static bool CountInto(PagedIds counted, string[] subscriberIds)
    {
        var added = false;
        foreach (var id in subscriberIds)
        {
            added |= counted.Add(id);
        }

        return added;
    }

    /// <summary>A batch's version is one the case has had; figures that moved are stored and published soon.</summary>
    private void Changed(long version, bool figuresMoved)
    {
        var versionMoved = version > S.CaseVersion;
        if (versionMoved)
        {
            S.CaseVersion = version;
        }

        if (figuresMoved || versionMoved)
        {
            ScheduleWrite();
        }

        if (figuresMoved)
        {
            // Latencies move without the counts: the history keeps only counts that changed.
            var sample = S.Sample(clock.GetUtcNow());
            if (S.History is not [.., var newest] || newest with { At = sample.At } != sample)
            {
                FigureHistory.Record(S.History, sample, s => s.At, HistorySpacing, HistoryCapacity);
            }

            _publishTimer ??= this.RegisterGrainTimer(Publish, new GrainTimerCreationOptions(PublishDelay, Timeout.InfiniteTimeSpan)
            {
                // A slow gateway must not hold the counts that keep arriving meanwhile.
                Interleave = true,
            });
        }
    }

    /// <summary>Stores everything now; a write still due is then not needed. A failure is thrown, and the write stays due.</summary>
    private async Task WriteNow()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        try
        {
            await Store(CancellationToken.None);
        }
        catch
        {
            ScheduleWrite();
            throw;
        }
    }

    /// <summary>The id sets' full pages first, then the record that counts them.</summary>
    private async Task Store(CancellationToken cancellationToken)
    {
        await S.SealIds(_pages);
        await state.WriteStateAsync(cancellationToken);
    }

    private void ScheduleWrite() =>
        _writeTimer ??= this.RegisterGrainTimer(Write, new GrainTimerCreationOptions(WriteDelay, Timeout.InfiniteTimeSpan));

    // Not interleaved, and the only writer besides deactivation and a seed: one write at a time.
    private async Task Write(CancellationToken cancellationToken)
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        try
        {
            await Store(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept in memory and tried again: the figures are not lost while this activation lives.
            DispatchLog.TallyNotStored(logger, ex, this.GetPrimaryKeyString());
            ScheduleWrite();
        }
    }

    private Task Publish(CancellationToken cancellationToken)
    {
        _publishTimer?.Dispose();
        _publishTimer = null;
        var stats = S.ToStats();
        controlRoom.Post(new ControlRoomEvent(Stats: new DispatchStats(
            this.GetPrimaryKeyString(), stats.Alerted, stats.Delivered, stats.Acknowledged, stats.P50Ms, stats.P99Ms, stats.Pushed)));
        return Task.CompletedTask;
    }
}
