namespace EarlyWarning.Grains.Regions;

/// <summary>A new position, in WGS-84 degrees, for a subscriber its tile already holds.</summary>
[GenerateSerializer, Immutable, Alias("ew.subscriber-move")]
public sealed record SubscriberMove(string SubscriberId, double Lat, double Lon);
