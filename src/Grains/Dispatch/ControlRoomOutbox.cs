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

    private readonly Lock _gate = new();
    private readonly Queue<ControlRoomEvent> _queued = new();
    private Task? _sending;

    /// <summary>True when every event posted so far has been sent (or dropped): nothing queued, no send under way.</summary>
    public bool Idle
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count == 0 && _sending is null;
            }
        }
    }

    /// <summary>Queues <paramref name="controlRoomEvent"/> for the control room; never waits for a gateway and never throws for one.</summary>
    public void Post(ControlRoomEvent controlRoomEvent)
    {
        ArgumentNullException.ThrowIfNull(controlRoomEvent);
        var dropped = 0;
        lock (_gate)
        {
            _queued.Enqueue(controlRoomEvent);
            while (_queued.Count > options.Value.MaxQueuedEvents)
            {
                _queued.Dequeue();
                dropped++;
            }

            // Off the grain's scheduler: the posting grain's next turn must not wait for a gateway.
            _sending ??= Task.Run(SendQueued);
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
            ControlRoomEvent[] events;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _sending = null;
                    return;
                }

                events = new ControlRoomEvent[Math.Min(_queued.Count, MaxBatch)];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = _queued.Dequeue();
                }
            }

            if (!await sinks.SendControlRoom(events))
            {
                DispatchLog.EventsDropped(logger, events.Length);
            }
        }
    }
}
