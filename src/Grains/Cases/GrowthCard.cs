using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// One active case's place in its silo's <see cref="ZoneTicker"/>, shared by the case's activation
/// and the ticker, never by both at once: the ticker grows the zone only between the case's calls
/// (<see cref="TryBegin"/>), and a call of the case waits for a growth push under way before it
/// takes the basis back (<see cref="Enter"/>). So a version is never handed out twice, and the
/// case's state is only ever touched in its own turn.
/// </summary>
internal sealed class GrowthCard(ICaseGrain grain, BorderDistances borders)
{
    private readonly Lock _gate = new();

    // The basis the ticker may grow from; null while the case is in a call, or has none to give.
    private GrowthBasis? _basis;

    // No basis, but the case is active: the tick is handed to it.
    private bool _active;

    // How many of the case's calls (and timer turns) have entered and not left.
    private int _depth;

    // True while the ticker works on this case.
    private bool _busy;

    // Made by a call of the case that finds the ticker at work, which it waits for (rare: most
    // pushes end with no call waiting, and a tick needs no allocation for them).
    private TaskCompletionSource? _growing;

    // The pushes the ticker made that the case has not heard of yet (its timeline, its countries).
    private List<GrownZone> _grown = [];

    /// <summary>The case, for work only its turn can do (a push that reaches a new tile, a write).</summary>
    public ICaseGrain Grain { get; } = grain;

    /// <summary>The case's border distances (worked out once per anchor): the ticker reads them only while the case is in no call.</summary>
    public BorderDistances Borders { get; } = borders;

    /// <summary>The domain form of the zone last pushed, kept so a tick need not rebuild it; the ticker's alone.</summary>
    public (ZoneSnapshot Snapshot, Zone Zone)? Pushed { get; set; }

    /// <summary>How far each anchor may grow before it reaches a shard the basis does not hold; the ticker's alone.</summary>
    public ShardHorizons? Horizons { get; set; }

    /// <summary>The tiles the zone reached when last measured, and how much farther it may grow; the ticker's alone.</summary>
    public GrowthReach? Reach { get; set; }

    /// <summary>
    /// The case begins a call: the ticker leaves it alone until <see cref="Leave"/>, and a push
    /// under way finishes first. Answers the basis as the ticker left it (null when there is none)
    /// and the pushes it made since the case last heard.
    /// </summary>
    public async Task<(GrowthBasis? Basis, IReadOnlyList<GrownZone> Grown)> Enter()
    {
        Task? growing;
        lock (_gate)
        {
            _depth++;
            if (_busy)
            {
                _growing ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                growing = _growing.Task;
            }
            else
            {
                growing = null;
            }
        }

        if (growing is not null)
        {
            await growing;
        }

        lock (_gate)
        {
            var taken = (_basis, (IReadOnlyList<GrownZone>)_grown);
            _basis = null;
            _grown = [];
            return taken;
        }
    }

    /// <summary>
    /// The case's call ends; the ticker may grow from <paramref name="basis"/>, or, when there is
    /// none but the case is <paramref name="active"/>, hand the tick to the case.
    /// </summary>
    public void Leave(GrowthBasis? basis, bool active)
    {
        lock (_gate)
        {
            _depth--;
            if (_depth == 0)
            {
                (_basis, _active) = (basis, active);
            }
        }
    }

    /// <summary>As <see cref="Leave"/>, for a card the case joined during the call (it never entered).</summary>
    public void Offer(GrowthBasis? basis, bool active)
    {
        lock (_gate)
        {
            if (_depth == 0)
            {
                (_basis, _active) = (basis, active);
            }
        }
    }

    /// <summary>
    /// The ticker starts on this case if it is idle: <see cref="GrowthStart.Grow"/> from
    /// <paramref name="basis"/> (<see cref="End"/> must follow), <see cref="GrowthStart.HandOff"/>
    /// when it is active but only its own turn can grow it, else <see cref="GrowthStart.Skip"/>.
    /// </summary>
    public GrowthStart TryBegin(out GrowthBasis basis)
    {
        lock (_gate)
        {
            basis = _basis!;
            if (_depth > 0 || _busy)
            {
                return GrowthStart.Skip;
            }

            if (_basis is null)
            {
                return _active ? GrowthStart.HandOff : GrowthStart.Skip;
            }

            _busy = true;
            return GrowthStart.Grow;
        }
    }

    /// <summary>
    /// The ticker is done with this case: <paramref name="next"/> replaces the basis (null: unchanged),
    /// and <paramref name="pushed"/>, when set, is a push it made.
    /// </summary>
    public void End(GrowthBasis? next = null, GrownZone? pushed = null)
    {
        TaskCompletionSource? growing;
        lock (_gate)
        {
            if (next is not null)
            {
                _basis = next;
            }

            if (pushed is not null)
            {
                _grown.Add(pushed);
            }

            growing = _growing;
            (_busy, _growing) = (false, null);
        }

        growing?.SetResult();
    }
}
