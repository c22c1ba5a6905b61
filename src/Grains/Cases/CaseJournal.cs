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
/// A page is written before the case record that counts it: a crash in between leaves a page
/// no record counts, overwritten by the next seal. Sightings are reviewed after they are sealed,
/// so their current statuses ride in the record (<see cref="CaseState.SealedSightingStatuses"/>).
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

    private readonly Dictionary<string, string?> _eTags = [];

    /// <summary>
    /// Rebuilds the full <see cref="CaseState.Sightings"/>, <see cref="CaseState.Timeline"/> and
    /// acknowledgements after the record is read.
    /// </summary>
    public async Task Load(CaseState state)
    {
        var sightings = ReadPages<SightingRecord>(SightingPages, state.SealedSightingPages);
        var timeline = ReadPages<TimelineEntry>(TimelinePages, state.SealedTimelinePages);
        var acknowledgements = ReadPages<string>(AcknowledgementPages, state.SealedAcknowledgementPages);
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
        var sealedSightings = await SealPages(SightingPages, state.Sightings, state.SealedSightingPages, PageSize);
        var sealedTimeline = await SealPages(TimelinePages, state.Timeline, state.SealedTimelinePages, PageSize);
        var sealedAcknowledgements = await SealPages(
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
    /// changes entries that were sealed long ago, and the old text must not stay in a page.
    /// </summary>
    public async Task Rewrite(CaseState state)
    {
        for (var page = 0; page < state.SealedSightingPages; page++)
        {
            await WritePage(SightingPages, page, state.Sightings.GetRange(page * PageSize, PageSize));
        }

        for (var page = 0; page < state.SealedTimelinePages; page++)
        {
            await WritePage(TimelinePages, page, state.Timeline.GetRange(page * PageSize, PageSize));
        }
    }

    /// <summary>Writes every full page after the first <paramref name="sealedPages"/>; returns the pages now sealed.</summary>
    private async Task<int> SealPages<T>(string name, List<T> entries, int sealedPages, int pageSize)
    {
        var full = entries.Count / pageSize;
        for (var page = sealedPages; page < full; page++)
        {
            await WritePage(name, page, entries.GetRange(page * pageSize, pageSize));
        }

        return Math.Max(full, sealedPages);
    }

    private async Task<List<T>> ReadPages<T>(string name, int pages)
    {
        var reads = await Task.WhenAll(Enumerable.Range(0, pages).Select(async page =>
        {
            var state = new GrainState<CaseJournalPage<T>>(new CaseJournalPage<T>());
            await storage.ReadStateAsync(StateName(name, page), caseGrain, state);
            _eTags[StateName(name, page)] = state.ETag;
            return state.State?.Entries ?? throw new InvalidOperationException($"Page {page} of {name} of {caseGrain} is missing.");
        }));
        return [.. reads.SelectMany(p => p)];
    }

    private async Task WritePage<T>(string name, int page, List<T> entries)
    {
        var key = StateName(name, page);
        var state = new GrainState<CaseJournalPage<T>>(new CaseJournalPage<T> { Entries = entries }, _eTags.GetValueOrDefault(key));
        try
        {
            await storage.WriteStateAsync(key, caseGrain, state);
        }
        catch (InconsistentStateException)
        {
            // A page sealed just before a crash, which no record counts: it is overwritten.
            var stale = new GrainState<CaseJournalPage<T>>(new CaseJournalPage<T>());
            await storage.ReadStateAsync(key, caseGrain, stale);
            state.ETag = stale.ETag;
            await storage.WriteStateAsync(key, caseGrain, state);
        }

        _eTags[key] = state.ETag;
    }

    private static string StateName(string name, int page) => $"{name}-{page}";
}
