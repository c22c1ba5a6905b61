using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Places;
using EarlyWarning.Gateway.Geo;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.CasePages;

/// <summary>
/// Reads a case as the public may see it, from the case grain on every request (nothing cached),
/// so a resolve is off the page at the next read.
/// </summary>
public static class PublicCases
{
    /// <summary>The public view, or null when no case has this id or the case is internal (the two look alike).</summary>
    public static async Task<PublicCaseView?> Read(IGrainFactory grains, string id)
    {
        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.GetCase() is not { Level: CaseLevel.Public } c)
        {
            return null;
        }

        if (c.Status != CaseStatus.Active)
        {
            return new PublicCaseView(c.Id, c.Status, c.Outcome, c.Exercise, null, null, null);
        }

        // The zone as of now, as the page is read, rather than as last pushed.
        var zone = await grain.GetZone() ?? c.Zone;
        var town = Gazetteer.Nearest(new GeoPoint(c.LastSeenLat, c.LastSeenLon));
        return new PublicCaseView(
            c.Id, c.Status, null, c.Exercise,
            new PublicChildView(c.Child.Name, c.Child.Age, c.Child.Description, c.Child.PhotoUrl),
            new PublicLastSeenView(c.LastSeenAt, town?.Town.Name, town is null ? null : Math.Round(town.DistanceKm, 1)),
            ZoneShapes.ToGeoJson(zone.Anchors));
    }
}
