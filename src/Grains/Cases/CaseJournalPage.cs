namespace EarlyWarning.Grains.Cases;

/// <summary>One sealed page of a case's sightings or timeline (<see cref="CaseJournal"/>). Ids are stable.</summary>
[GenerateSerializer, Alias("ew.case-journal-page`1")]
public sealed class CaseJournalPage<T>
{
    /// <summary>Exactly <see cref="CaseJournal.PageSize"/> entries, in order.</summary>
    [Id(0)] public List<T> Entries { get; set; } = [];
}
