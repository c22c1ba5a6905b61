using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Benchmarks.Compare;

/// <summary>Opens a public case whose zone, at the frozen clock, is a circle of a chosen radius.</summary>
public static class ZoneCase
{
    /// <summary>
    /// Last seen long enough ago for the zone to have grown to <paramref name="radiusKm"/> (walking up
    /// to its 50 km maximum, by vehicle beyond). Returns the grain and the radius it really has.
    /// </summary>
    public static async Task<(ICaseGrain Grain, double RadiusKm, long Version)> Open(SeededSilo silo, string caseId, GeoPoint centre, double radiusKm)
    {
        var (mode, speedKmh) = radiusKm < 45 ? (TravelMode.Walking, 5.0) : (TravelMode.Vehicle, 60.0);
        var lastSeenAt = silo.Now - TimeSpan.FromHours((radiusKm - SeededSilo.BaseRadiusKm) / speedKmh);
        var grain = silo.Grains.GetGrain<ICaseGrain>(caseId);
        var opened = await grain.Open(new CaseOpening(
            new ChildProfile("Benchmark Child", 7, null, "Red jacket, blue backpack", null),
            centre.Lat, centre.Lon, lastSeenAt, mode, CaseLevel.Public, "benchmark"));
        var zone = await grain.GetZone() ?? throw new InvalidOperationException($"Case {caseId} did not open.");
        return (grain, zone.Anchors.Single().RadiusKm, opened.Version);
    }

    /// <summary>
    /// A verified sighting at <paramref name="at"/> (the zone's centre: one more anchor inside it,
    /// a new version, the same recipients), seen at the frozen clock.
    /// </summary>
    public static async Task VerifiedSighting(SeededSilo silo, ICaseGrain grain, GeoPoint at)
    {
        var result = await grain.ReportSighting(new SightingReport(
            Guid.NewGuid().ToString("N"), at.Lat, at.Lon, silo.Now, "Seen at the market", "field", null, Verified: true));
        if (result.Refusal != CaseRefusal.None)
        {
            throw new InvalidOperationException($"The sighting was refused: {result.Refusal}.");
        }
    }
}
