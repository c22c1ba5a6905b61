namespace EarlyWarning.Grains.Cases;

/// <summary>What the <see cref="ZoneTicker"/> does with a case this tick (<see cref="GrowthCard.TryBegin"/>).</summary>
internal enum GrowthStart
{
    /// <summary>Nothing: the case is in a call, not active, or already being grown.</summary>
    Skip,

    /// <summary>The ticker grows the zone from the case's basis.</summary>
    Grow,

    /// <summary>Only the case's turn can grow it: the ticker calls <see cref="ICaseGrain.RefreshZone"/>.</summary>
    HandOff,
}
