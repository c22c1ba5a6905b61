namespace EarlyWarning.Grains.Cases;

/// <summary>The zone at <paramref name="At"/>: its live anchors' circles then (see <c>Domain/Cases/ZoneReplay</c>).</summary>
[GenerateSerializer, Immutable, Alias("ew.replay-frame")]
public sealed record ReplayFrame(DateTimeOffset At, AnchorCircle[] Circles);
