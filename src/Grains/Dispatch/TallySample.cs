namespace EarlyWarning.Grains.Dispatch;

/// <summary>A case's dispatch figures as they stood at <paramref name="At"/>, for replay (see <see cref="ICaseTallyGrain.GetHistory"/>).</summary>
[GenerateSerializer, Immutable, Alias("ew.tally-sample")]
public sealed record TallySample(DateTimeOffset At, long Alerted, long Delivered, long Acknowledged, long Pushed);
