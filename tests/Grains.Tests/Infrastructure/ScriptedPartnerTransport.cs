using System.Collections.Concurrent;
using EarlyWarning.Grains.Partners;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>One send the scripted transport was asked for.</summary>
public sealed record PartnerSend(string PartnerId, string DeliveryId, string Body, DateTimeOffset At, int Status);

/// <summary>
/// The grain tests' partner transport: nothing is sent anywhere. Each partner answers the statuses
/// its test scripted, in order, then 200; every send is recorded.
/// </summary>
public sealed class ScriptedPartnerTransport : IPartnerTransport
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _script = new();
    private readonly ConcurrentQueue<PartnerSend> _sends = new();

    /// <summary>The next sends to <paramref name="partnerId"/> answer these statuses; 200 after.</summary>
    public void Script(string partnerId, params int[] statuses)
    {
        var queue = _script.GetOrAdd(partnerId, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    public IReadOnlyList<PartnerSend> To(string partnerId) => [.. _sends.Where(s => s.PartnerId == partnerId)];

    public Task<PartnerAnswer> Send(PartnerRegistration partner, string deliveryId, string body, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var id = partner.Profile.Id;
        var status = _script.TryGetValue(id, out var queue) && queue.TryDequeue(out var next) ? next : 200;
        _sends.Enqueue(new PartnerSend(id, deliveryId, body, at, status));
        return Task.FromResult(new PartnerAnswer(status, null));
    }
}
