namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// One sealed page of a grain's append-only entries (<see cref="SealedPages"/>): a case's sightings,
/// timeline or acknowledgements, a tally's subscriber ids. Ids are stable, and so is the alias
/// (pages were first written as the case journal's).
/// </summary>
[GenerateSerializer, Alias("ew.case-journal-page`1")]
public sealed class SealedPage<T>
{
    /// <summary>A full page's entries, in order.</summary>
    [Id(0)] public List<T> Entries { get; set; } = [];
}
