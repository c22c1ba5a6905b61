namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// How long gateway sinks live, how often they are looked up, and how long a delivery may take.
/// A gateway heartbeats its registration every <see cref="SinkRefreshInterval"/>; one that stops
/// (crashed, cut off) is dropped after <see cref="SinkExpiry"/>, or at once when a delivery to it
/// fails or outlasts <see cref="DeliveryTimeout"/>. With the defaults a crashed gateway is out of
/// every silo's rotation within 6 s plus <see cref="SinkCacheTtl"/>, and stalls a tile for at most one
/// <see cref="DeliveryTimeout"/> (5 s), never Orleans' 30 s response timeout.
/// </summary>
public sealed class SinkRegistryOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dispatch";

    /// <summary>The lease: a sink not refreshed for this long is dropped.</summary>
    public TimeSpan SinkExpiry { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often a gateway refreshes its registration (its heartbeat); well under <see cref="SinkExpiry"/>.</summary>
    public TimeSpan SinkRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo trusts its cached list of sinks (<see cref="GatewaySinks"/>).</summary>
    public TimeSpan SinkCacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one sink may take to confirm a batch or event before the next is tried (and the
    /// silent one dropped). A sink confirms once it has published the batch, not once every socket has it.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a silo waits for the registry's list of sinks before it goes on with the list it
    /// had: the registry is one activation, and while its silo dies (until membership votes it out)
    /// a call to it hangs.
    /// </summary>
    public TimeSpan RegistryTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often batches that no sink took are offered again.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Batches kept for retry per silo; past it the oldest is given up (its subscribers catch up on reconnect).</summary>
    public int MaxPendingBatches { get; set; } = 10_000;

    /// <summary>Control-room events a silo queues while no gateway takes them (<see cref="ControlRoomOutbox"/>); past it the oldest are dropped.</summary>
    public int MaxQueuedEvents { get; set; } = 100_000;
}
