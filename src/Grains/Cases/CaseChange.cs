using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// What changed in a case since the control room last heard of it: <paramref name="Fields"/>, and
/// with <see cref="CaseFields.Sightings"/> the ids of the sightings that changed. The gateway sends
/// those parts of the snapshot that comes with it as <c>caseDelta</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-change")]
public sealed record CaseChange(CaseFields Fields, string[] SightingIds)
{
    // Immutable, and a zone tick sends one per case: shared.
    private static readonly CaseChange GrownOnly = new(CaseFields.Zone, []);
    private static readonly CaseChange GrownWithStats = new(CaseFields.Zone | CaseFields.Stats, []);

    /// <summary>Everything changed: all fields, every sighting.</summary>
    public static CaseChange Everything(CaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(CaseFields.All, [.. snapshot.Sightings.Select(s => s.Id)]);
    }

    /// <summary>
    /// What a growth push changed: the zone (it grew materially, or the push would not be), and the
    /// figures when they moved; everything else is the case as the control room last heard of it.
    /// </summary>
    public static CaseChange Grown(bool statsChanged) => statsChanged ? GrownWithStats : GrownOnly;

    /// <summary>
    /// What differs from <paramref name="before"/> (null: everything) to <paramref name="after"/>.
    /// The zone counts as changed only when it differs materially by <paramref name="policy"/>
    /// (a push's rule), not because time grew it a little since the last event.
    /// </summary>
    public static CaseChange Between(CaseSnapshot? before, CaseSnapshot after, ZonePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null || before.Id != after.Id)
        {
            return Everything(after);
        }

        var fields = CaseFields.None;
        fields |= before.Status != after.Status ? CaseFields.Status : 0;
        fields |= before.Outcome != after.Outcome ? CaseFields.Outcome : 0;
        fields |= before.Level != after.Level ? CaseFields.Level : 0;
        fields |= before.Child != after.Child ? CaseFields.Child : 0;
        fields |= ZoneChanged(before.Zone, after.Zone, policy) ? CaseFields.Zone : 0;
        fields |= before.Stats != after.Stats ? CaseFields.Stats : 0;
        fields |= before.CancelsPending != after.CancelsPending ? CaseFields.CancelsPending : 0;
        fields |= before.Safeguarding != after.Safeguarding ? CaseFields.Safeguarding : 0;

        var known = before.Sightings.ToDictionary(s => s.Id);
        string[] changed = [.. after.Sightings.Where(s => known.TryGetValue(s.Id, out var was) && was != s).Select(s => s.Id)];
        fields |= changed.Length > 0 ? CaseFields.Sightings : 0;
        return new(fields, changed);
    }

    private static bool ZoneChanged(ZoneSnapshot before, ZoneSnapshot after, ZonePolicy policy) =>
        before.Level != after.Level || after.ToZone().DiffersMateriallyFrom(before.ToZone(), policy);
}
