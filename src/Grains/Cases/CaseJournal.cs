using EarlyWarning.Grains.Hosting;
using Orleans.Storage;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// A case's sightings, timeline and acknowledgements in storage: the newest few ride in the case
/// record, and every <see cref="PageSize"/> of them (<see cref="AcknowledgementPageSize"/> for
/// acknowledgements) are sealed into a page of their own, written once. A state write then costs
/// the same for the 5th sighting as for the 500th, and for the 10th acknowledgement as for the
/// 50 000th.
/// </summary>
/// <remarks>
/// Pages are <see cref="SealedPages"/>, written before the case record that counts them.
/// Sightings are reviewed after they are sealed, so their current statuses ride in the record
/// (<see cref="CaseState.SealedSightingStatuses"/>).
/// </remarks>
public sealed class CaseJournal(IGrainStorage storage, GrainId caseGrain)
{
    /// <summary>Sightings or timeline entries per sealed page.</summary>
    public const int PageSize = 16;

    /// <summary>
    /// Acknowledgements per sealed page: a public case may have tens of thousands, each one a
    /// write of the case record, which then holds at most this many ids rather than all of them.
    /// </summary>
    public const int AcknowledgementPageSize = 256;

    private const string SightingPages = "case-sightings";
    private const string TimelinePages = "case-timeline";
    private const string AcknowledgementPages = "case-acknowledgements";

    private readonly SealedPages _pages = new(storage, caseGrain);

    /// <summary>
    /// Rebuilds the full <see cref="CaseState.Sightings"/>, <see cref="CaseState.Timeline"/> and
    /// acknowledgements after the record is read.
    /// </summary>
    public async Task Load(CaseState state)
    {
        var sightings = _pages.Read<SightingRecord>(SightingPages, state.SealedSightingPages);
        var timeline = _pages.Read<TimelineEntry>(TimelinePages, state.SealedTimelinePages);
        var acknowledgements = _pages.Read<string>(AcknowledgementPages, state.SealedAcknowledgementPages);
        state.Sightings = [.. await sightings, .. state.OpenSightings];
        state.Timeline = [.. await timeline, .. state.OpenTimeline];
        state.Acknowledgements = [.. await acknowledgements, .. state.OpenAcknowledgements];
        state.AcknowledgedBy = [.. state.Acknowledgements];
        foreach (var unpaged in state.UnpagedAcknowledgements)
        {
            if (state.AcknowledgedBy.Add(unpaged))
            {
                state.Acknowledgements.Add(unpaged);
            }
        }

        for (var i = 0; i < state.SealedSightingStatuses.Count; i++)
        {
            if (state.Sightings[i].Status != state.SealedSightingStatuses[i])
            {
                state.Sightings[i] = state.Sightings[i] with { Status = state.SealedSightingStatuses[i] };
            }
        }

        foreach (var (index, review) in state.SealedSightingReviews)
        {
            state.Sightings[index] = state.Sightings[index] with { Review = review };
        }
    }

    /// <summary>Before the record is written: seals what fills whole pages and leaves the rest in the record.</summary>
    public async Task Seal(CaseState state)
    {
        var sealedSightings = await _pages.Seal(SightingPages, state.Sightings, state.SealedSightingPages, PageSize);
        var sealedTimeline = await _pages.Seal(TimelinePages, state.Timeline, state.SealedTimelinePages, PageSize);
        var sealedAcknowledgements = await _pages.Seal(
            AcknowledgementPages, state.Acknowledgements, state.SealedAcknowledgementPages, AcknowledgementPageSize);

        state.SealedSightingPages = sealedSightings;
        state.SealedTimelinePages = sealedTimeline;
        var sealedCount = sealedSightings * PageSize;
        state.OpenSightings = state.Sightings[sealedCount..];
        state.OpenTimeline = state.Timeline[(sealedTimeline * PageSize)..];
        state.SealedSightingStatuses = state.Sightings.Take(sealedCount).Select(s => s.Status).ToList();
        state.SealedSightingReviews = Enumerable.Range(0, sealedCount)
            .Where(i => state.Sightings[i].Review is not null)
            .ToDictionary(i => i, i => state.Sightings[i].Review!);
        state.SealedAcknowledgementPages = sealedAcknowledgements;
        state.OpenAcknowledgements = state.Acknowledgements[(sealedAcknowledgements * AcknowledgementPageSize)..];
        state.UnpagedAcknowledgements = [];
    }

    /// <summary>
    /// Rewrites every sealed page of sightings and timeline from the state in memory: retention
    /// changes entries that were sealed long ago, and the old text must not stay in a page (see also
    /// <see cref="ClearUncounted"/>).
    /// </summary>
    public async Task Rewrite(CaseState state)
    {
        for (var page = 0; page < state.SealedSightingPages; page++)
        {
            await _pages.Write(SightingPages, page, state.Sightings.GetRange(page * PageSize, PageSize));
        }

        for (var page = 0; page < state.SealedTimelinePages; page++)
        {
            await _pages.Write(TimelinePages, page, state.Timeline.GetRange(page * PageSize, PageSize));
        }
    }

    /// <summary>
    /// Clears the pages of sightings and timeline no record counts: sealed before a crash cut off the
    /// record that would have counted them, they hold the old text. Only after this activation's own
    /// write of the record proved it current: a stale activation's counts are lower than the stored ones.
    /// </summary>
    public async Task ClearUncounted(CaseState state)
    {
        await _pages.ClearUncounted<SightingRecord>(SightingPages, state.SealedSightingPages);
        await _pages.ClearUncounted<TimelineEntry>(TimelinePages, state.SealedTimelinePages);
    }

}
