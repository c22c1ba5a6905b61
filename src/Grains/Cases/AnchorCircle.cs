namespace EarlyWarning.Grains.Cases;

/// <summary>One live anchor of a zone and its radius at the snapshot's time; degrees and km.</summary>
[GenerateSerializer, Immutable, Alias("ew.anchor-circle")]
public sealed record AnchorCircle(double Lat, double Lon, DateTimeOffset At, double RadiusKm);
