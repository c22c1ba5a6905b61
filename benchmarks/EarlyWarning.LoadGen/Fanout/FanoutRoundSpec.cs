using EarlyWarning.LoadGen.Hub;

namespace EarlyWarning.LoadGen.Fanout;

/// <summary>Which alert completes round <paramref name="Round"/>: its kind, for the case (null: any, before its id is known), a version above <paramref name="AfterVersion"/>.</summary>
internal sealed record FanoutRoundSpec(int Round, string? CaseId, AlertKind Kind, long AfterVersion);

/// <summary>
/// When each socket first got a round's alert (<see cref="System.Diagnostics.Stopwatch"/>
/// timestamps, sorted: CLOCK_MONOTONIC, the same in every process of the machine), the versions
/// seen, the sockets still open, and how many sockets of each gateway got it.
/// </summary>
internal sealed record RoundArrivals(long[] Timestamps, long[] Versions, int OpenSockets, int[] PerGateway);
