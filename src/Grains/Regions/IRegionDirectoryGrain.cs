using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Regions;

/// <summary>
/// Which tiles hold subscribers and how far the farthest-watching of them looks, and the zone of
/// every active case. Cases ask it which tiles a zone can reach, so a push contacts those alone;
/// a tile that comes within reach of more (its first subscriber, a longer watch radius) learns the
/// active zones from it at once. One grain (key 0): calls are serialised, so a tile registering
/// and a zone being published can never miss each other.
/// </summary>
[Alias("ew.IRegionDirectoryGrain")]
public interface IRegionDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Records the case's zone as the one latecomers must know, and returns the tiles it can reach.</summary>
    [Alias("publish")]
    Task<string[]> Publish(ZoneSnapshot zone);

    /// <summary>The tiles <paramref name="zone"/> can reach; records nothing.</summary>
    [Alias("reachable")]
    Task<string[]> Reachable(ZoneSnapshot zone);

    /// <summary>
    /// A tile now watches as far as <paramref name="maxWatchRadiusKm"/>: remembered (it never
    /// shrinks), and answered with the active zones that reach it.
    /// </summary>
    [Alias("register")]
    Task<ZoneSnapshot[]> Register(string tileKey, double maxWatchRadiusKm);

    /// <summary>The case has ended: its zone reaches no latecomer any more.</summary>
    [Alias("forget")]
    Task Forget(string caseId);
}
