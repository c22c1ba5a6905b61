using System.Collections.Concurrent;
using System.Reflection;
using EarlyWarning.Domain.Cases;
using Orleans.Concurrency;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The case's side of its silo's <see cref="ZoneTicker"/>: every call (but those that interleave)
/// takes back what the ticker did since the last one, and leaves it a fresh basis.
/// </summary>
public sealed partial class CaseGrain : IIncomingGrainCallFilter
{
    // Whether a method of the case's interfaces is [AlwaysInterleave], looked up once per method.
    private static readonly ConcurrentDictionary<MethodInfo, bool> Interleaving = new();

    // This activation's place in the silo's ticker; null while the case is not active.
    private GrowthCard? _growth;

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod is { } method && Interleaving.GetOrAdd(method, m => m.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: false)))
        {
            // Those interleave (IsAlerting, AlertingChild: read-only) with a call that may be waiting
            // on a tile which asks them: gated, they would wait for that call, and it for them.
            await context.Invoke();
            return;
        }

        await InTurn(context.Invoke);
    }

    /// <summary>Runs <paramref name="work"/> with the ticker kept off this case, its growth taken back first.</summary>
    private async Task InTurn(Func<Task> work)
    {
        var card = _growth;
        if (card is not null)
        {
            var (basis, grown) = await card.Enter();
            TakeBack(basis, grown);
        }

        try
        {
            await work();
        }
        finally
        {
            var active = _growth is not null && IsOpen && S.Status == CaseStatus.Active;
            var offered = active ? Basis() : null;
            if (card is not null)
            {
                card.Leave(card == _growth ? offered : null, card == _growth && active);
            }
            else
            {
                // Joined during this call (opened, or reopened by a reminder).
                _growth?.Offer(offered, active);
            }
        }
    }

    /// <summary>
    /// The versions the ticker used, the zone it last pushed, the countries it reached and its
    /// timeline entries become the case's (unstored, as a growth push of its own: after a crash the
    /// first push finds the countries again, and records them then).
    /// </summary>
    private void TakeBack(GrowthBasis? basis, IReadOnlyList<GrownZone> grown)
    {
        foreach (var (at, radiusKm, anchors, crossed) in grown)
        {
            CaseLifecycle.ZoneExpandedEntry(S, radiusKm, anchors, at);
            CaseBorders.Record(S, crossed, at);
        }

        if (basis is null || basis.Version <= S.Version)
        {
            return;
        }

        S.Version = basis.Version;
        S.PushedZone = basis.PushedZone;
        (S.PublicVersion, S.PublicChangedAt) = (basis.Version, basis.PushedZone.ComputedAt);

        // Shards a grown zone reached without a write: a resolve forgets them anyway (SendCancels).
        S.DirectoryShards.UnionWith(basis.Shards);
        _lastPublished = basis.LastPublished;
        _growthUnstored = true;
    }

    /// <summary>What the ticker may grow from; null when only the case's turn can grow it (a push owed, nothing pushed or published yet this activation).</summary>
    private GrowthBasis? Basis()
    {
        if (S.PushPending || S.PushedZone is not { } pushed || _lastPublished is not { } published)
        {
            return null;
        }

        var opening = S.Opening!;
        return new GrowthBasis(
            CaseId, [.. S.Anchors], opening.TravelMode, S.Level, opening.Child, opening.Exercise,
            S.Version, pushed, published, CaseMapping.ToSummary(CaseId, S),
            new HashSet<string>(S.TouchedTiles), new HashSet<string>(S.DirectoryShards), new HashSet<string>(S.Countries));
    }

    /// <summary>The case grows in this silo's ticker from now on (idempotent).</summary>
    private void JoinTicker() => _growth ??= ticker.Join(CaseId, this.AsReference<ICaseGrain>(), _borderDistances);

    /// <summary>The case no longer grows (resolved, or its activation ends).</summary>
    private void LeaveTicker()
    {
        if (_growth is { } card)
        {
            ticker.Leave(CaseId, card);
            _growth = null;
        }
    }
}
