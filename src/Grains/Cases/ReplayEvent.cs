namespace EarlyWarning.Grains.Cases;

/// <summary>A timeline entry's number, time and kind: the marks on a replay's clock (no actor, no data).</summary>
[GenerateSerializer, Immutable, Alias("ew.replay-event")]
public sealed record ReplayEvent(long Seq, DateTimeOffset At, string Kind);
