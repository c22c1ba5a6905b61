using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// The control room's live events of this silo's grains, sent to a gateway sink in batches: a
/// grain posts its event and goes on, and one send at a time carries every event posted since the
/// last (<see cref="IAlertSink.ControlRoom"/>). A zone tick of a thousand cases was a thousand
/// round trips to the gateway, each inside its case's turn; now it is a few calls, none in a turn.
/// Events keep the order they were posted in. Best effort as before: events no sink takes are
/// dropped and logged (the control room reads the case again on reconnect).
/// </summary>
public sealed class ControlRoomOutbox(GatewaySinks sinks, IOptions<SinkRegistryOptions> options, ILogger<ControlRoomOutbox> logger)
{
    /// <summary>Most events in one call to a sink.</summary>
    internal const int MaxBatch = 512;

    // Lock-free: a zone tick posts a thousand events while the send loop takes them on another core.
    private readonly ConcurrentQueue<ControlRoomEvent> _queued = new();

    // How many events are queued (the queue's own count walks its segments).
    private int _count;

    // How many events are posted and neither sent nor dropped yet (queued, or in a send under way).
    private int _unsent;

    // 1 while a send loop runs.
    private int _sending;

    /// <summary>True when every event posted so far has been sent (or dropped): nothing queued, no send under way.</summary>
    public bool Idle => Volatile.Read(ref _unsent) == 0;

    /// <summary>Queues <paramref name="controlRoomEvent"/> for the control room; never waits for a gateway and never throws for one.</summary>
    public void Post(ControlRoomEvent controlRoomEvent)
    {
        ArgumentNullException.ThrowIfNull(controlRoomEvent);
        Interlocked.Increment(ref _unsent);
        _queued.Enqueue(controlRoomEvent);
        var dropped = 0;
        if (Interlocked.Increment(ref _count) > options.Value.MaxQueuedEvents)
        {
            // The oldest go first.
            while (Volatile.Read(ref _count) > options.Value.MaxQueuedEvents && _queued.TryDequeue(out _))
            {
                Interlocked.Decrement(ref _count);
                Interlocked.Decrement(ref _unsent);
                dropped++;
            }
        }

        // Off the grain's scheduler: the posting grain's next turn must not wait for a gateway.
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = Task.Run(SendQueued);
        }

        if (dropped > 0)
        {
            DispatchLog.EventsDropped(logger, dropped);
        }
    }

    private async Task SendQueued()
    {
        while (true)
        {
            var events = Take();
            if (events.Length == 0)
            {
                // A full fence (not a plain write): the emptiness check below must not be read before it.
                Interlocked.Exchange(ref _sending, 0);

                // An event posted after the queue looked empty, but before the flag dropped, found a
                // send under way: this loop takes it, unless a new one has started meanwhile.
                if (_queued.IsEmpty || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                if (!await sinks.SendControlRoom(events))
                {
                    DispatchLog.EventsDropped(logger, events.Length);
                }
            }
            catch (Exception ex)
            {
                // The loop must go on, whatever the exception (nothing cancels it): ended by a throw,
                // it would leave every later event queued, and _sending set for good.
                DispatchLog.EventsNotSent(logger, ex, events.Length);
            }
            finally
            {
                Interlocked.Add(ref _unsent, -events.Length);
            }
        }
    }

    /// <summary>The oldest queued events, at most <see cref="MaxBatch"/>, in the order they were posted.</summary>
    private ControlRoomEvent[] Take()
    {
        var events = new List<ControlRoomEvent>(Math.Clamp(Volatile.Read(ref _count), 0, MaxBatch));
        while (events.Count < MaxBatch && _queued.TryDequeue(out var queued))
        {
            Interlocked.Decrement(ref _count);
            events.Add(queued);
        }

        return [.. events];
    }
}
