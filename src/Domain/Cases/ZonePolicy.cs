namespace EarlyWarning.Domain.Cases;

/// <summary>The rules of zone growth: <c>r(t) = min(max, base + speed × (t − anchorTime))</c>.</summary>
public sealed class ZonePolicy
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Zone";

    /// <summary>Radius of a fresh anchor, in km.</summary>
    public double BaseRadiusKm { get; set; } = 1.0;

    /// <summary>Walking speed, km/h.</summary>
    public double WalkingKmh { get; set; } = 5.0;

    /// <summary>Cycling speed, km/h.</summary>
    public double BicycleKmh { get; set; } = 15.0;

    /// <summary>Vehicle speed, km/h.</summary>
    public double VehicleKmh { get; set; } = 60.0;

    /// <summary>Largest radius when walking, km.</summary>
    public double MaxWalkingKm { get; set; } = 50.0;

    /// <summary>Largest radius when cycling, km.</summary>
    public double MaxBicycleKm { get; set; } = 100.0;

    /// <summary>Largest radius in a vehicle, km.</summary>
    public double MaxVehicleKm { get; set; } = 150.0;

    /// <summary>How long an older anchor stays live after a newer verified sighting.</summary>
    public TimeSpan AnchorRetireAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A circle must grow by at least this (km), and by <see cref="MaterialGrowthFraction"/> of its radius, to be worth a push.</summary>
    public double MaterialGrowthKm { get; set; } = 0.1;

    /// <summary>The least growth worth a push, as a fraction of the radius (see <see cref="MaterialGrowthKm"/>).</summary>
    public double MaterialGrowthFraction { get; set; } = 0.01;

    /// <summary>Speed for a travel mode, km/h.</summary>
    public double SpeedKmh(TravelMode mode) => mode switch
    {
        TravelMode.Walking => WalkingKmh,
        TravelMode.Bicycle => BicycleKmh,
        TravelMode.Vehicle => VehicleKmh,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown travel mode."),
    };

    /// <summary>Largest radius for a travel mode, km.</summary>
    public double MaxRadiusKm(TravelMode mode) => mode switch
    {
        TravelMode.Walking => MaxWalkingKm,
        TravelMode.Bicycle => MaxBicycleKm,
        TravelMode.Vehicle => MaxVehicleKm,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown travel mode."),
    };
}
