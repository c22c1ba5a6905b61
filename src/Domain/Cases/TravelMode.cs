namespace EarlyWarning.Domain.Cases;

/// <summary>How the missing child is believed to move; sets how fast the zone grows.</summary>
public enum TravelMode
{
    /// <summary>On foot.</summary>
    Walking,

    /// <summary>By bicycle.</summary>
    Bicycle,

    /// <summary>In a vehicle.</summary>
    Vehicle,
}
