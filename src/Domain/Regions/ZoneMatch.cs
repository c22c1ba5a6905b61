namespace EarlyWarning.Domain.Regions;

/// <summary>A subscriber (by its index in the matcher's input) within reach of a zone.</summary>
public readonly record struct ZoneMatch(int Index, double DistanceKm);
