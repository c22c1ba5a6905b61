using System.Collections.Concurrent;
using System.Threading.Channels;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Cap;
using EarlyWarning.Gateway.Photos;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Hosting;
using EarlyWarning.Grains.Partners;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Partners;

/// <summary>
/// Hands each new CAP message of a public, non-exercise case to the partners whose countries its
/// zone has reached (the <c>?country=</c> feed's rule: a zone only gains countries, so whoever got
/// the Alert gets the Cancel), as the feed serves it with only each partner's languages. The case's
/// control-room event (one gateway gets it) only queues the case id here: the case never waits on
/// a partner. Each partner grain keeps what it is offered and does the sending; an offer it already
/// has is refused there, so offering again is harmless — which is how a lost event is made up for:
/// every <see cref="PartnerFanoutOptions.SweepPeriod"/> the cases the Atom feed lists are offered again.
/// </summary>
public sealed class PartnerFanout(
    IGrainFactory grains,
    IPhotoStore photos,
    PartnerBaseUrl baseUrl,
    IOptions<CapOptions> cap,
    IOptions<PartnerOptions> partners,
    IOptions<PartnerFanoutOptions> fanout,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    TimeProvider time,
    ILogger<PartnerFanout> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    // What each case was when last queued: a zone tick (same version, status and countries) makes no new message.
    private readonly ConcurrentDictionary<string, (long Version, CaseStatus Status, int Countries)> _seen = new(StringComparer.Ordinal);

    /// <summary>Queues the case when its change may have made a new message; never blocks.</summary>
    public void CaseChanged(CaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Level != CaseLevel.Public || snapshot.Exercise)
        {
            return;
        }

        var mark = (snapshot.Version, snapshot.Status, snapshot.Countries?.Length ?? 0);
        if (_seen.TryGetValue(snapshot.Id, out var seen) && seen == mark)
        {
            return;
        }

        _seen[snapshot.Id] = mark;
        _queue.Writer.TryWrite(snapshot.Id);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Drain(stoppingToken), Sweep(stoppingToken));

    /// <summary>Offers the case's current message to each partner it reaches (used by <see cref="Drain"/> and <see cref="Sweep"/>).</summary>
    public async Task Offer(string caseId)
    {
        // Most deployments have no partners: then a case's change costs one call, not a rendering.
        var all = await grains.GetGrain<IPartnerDirectoryGrain>(0).List();
        if (all.Length == 0)
        {
            return;
        }

        var rendered = await CapRendering.Current(caseId, grains, photos, cap.Value, baseUrl.Value, baseUrl.Value);
        if (rendered is null || rendered.Case.Exercise)
        {
            return;
        }

        var message = rendered.Message;
        var root = message.Root!;
        var identifier = (string)root.Element(CapMessage.Ns + "identifier")!;
        var msgType = (string)root.Element(CapMessage.Ns + "msgType")!;
        var capExpires = root.Elements(CapMessage.Ns + "info").Select(i => (DateTimeOffset)i.Element(CapMessage.Ns + "expires")!).Min();
        if (capExpires <= clock.GetUtcNow())
        {
            // A Cancel past its retention (the case changed since only by retention's erasing): nothing to tell.
            return;
        }

        var latest = clock.GetUtcNow() + partners.Value.MaxAge;
        var expires = capExpires < latest ? capExpires : latest;
        var reached = rendered.Case.Countries ?? [];
        var version = CapMessage.MessageVersion(rendered.Case);

        // Each partner on its own, at once: one whose grain is busy with a partner that does not
        // answer (each send may take seconds) must hold back neither the others nor later cases.
        await Task.WhenAll(all.Where(p => p.Countries.Intersect(reached, StringComparer.Ordinal).Any()).Select(async partner =>
        {
            try
            {
                var body = CapMessage.ToText(CapMessage.ForLanguages(message, partner.Languages));
                var offer = grains.GetGrain<IPartnerGrain>(partner.Id).Offer(new PartnerMessage(identifier, caseId, version, msgType, body, expires));
                if (await offer.WaitAsync(fanout.Value.OfferTimeout, time))
                {
                    PartnerFanoutLog.Offered(logger, identifier, partner.Id);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Offered again by the sweep, or by the case's next event, which is not taken for seen.
                _seen.TryRemove(caseId, out _);
                PartnerFanoutLog.PartnerOfferFailed(logger, ex, identifier, partner.Id);
            }
        }));
    }

    private async Task Drain(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var caseId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await OfferLogged(caseId);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next sweep (on any gateway) offers what was still queued.
        }
    }

    private async Task Sweep(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(fanout.Value.SweepPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CaseSummary[] all;
                try
                {
                    all = await grains.GetGrain<ICaseDirectoryGrain>(0).List(null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    PartnerFanoutLog.SweepFailed(logger, ex);
                    continue;
                }

                foreach (var c in CapFeedCases.Select(all, clock.GetUtcNow(), cap.Value.CancelRetention, null).Where(c => !c.Exercise))
                {
                    await OfferLogged(c.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task OfferLogged(string caseId)
    {
        try
        {
            await Offer(caseId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The case or a partner grain did not answer: the next sweep offers it again.
            _seen.TryRemove(caseId, out _);
            PartnerFanoutLog.OfferFailed(logger, ex, caseId);
        }
    }
}
