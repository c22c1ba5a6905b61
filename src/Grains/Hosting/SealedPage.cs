namespace EarlyWarning.Grains.Cases;

/// <summary>One sealed page of a case's sightings, timeline or acknowledgements (<see cref="CaseJournal"/>). Ids are stable.</summary>
[GenerateSerializer, Alias("ew.case-journal-page`1")]
public sealed class CaseJournalPage<T>
{
    /// <summary>A full page's entries, in order (<see cref="CaseJournal.PageSize"/> or <see cref="CaseJournal.AcknowledgementPageSize"/>).</summary>
    [Id(0)] public List<T> Entries { get; set; } = [];
}
