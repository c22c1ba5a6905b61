using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Auth;

/// <summary>What another gateway knows of a subscription deleted elsewhere: the grain's answer, at most <see cref="SubscriberStatus.Recheck"/> late.</summary>
[Trait("Category", "Security")]
public sealed class SubscriberStatusTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_subscription_deleted_through_another_gateway_is_refused_once_the_recheck_is_due()
    {
        using var anonymous = factory.CreateClient();
        var (id, _) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var otherGateway = new SubscriberStatus(grains, _time);
        Assert.True(await otherGateway.IsSubscribed(id));

        await grains.GetGrain<ISubscriberGrain>(id).Unsubscribe();
        var soonAfter = await otherGateway.IsSubscribed(id);
        _time.Advance(SubscriberStatus.Recheck);
        var afterRecheck = await otherGateway.IsSubscribed(id);

        Assert.True(soonAfter);
        Assert.False(afterRecheck);
    }

    [Fact]
    public async Task The_deleting_gateway_refuses_at_once_and_an_unknown_id_is_not_subscribed()
    {
        using var anonymous = factory.CreateClient();
        var (id, _) = await Requests.Subscribe(anonymous, 41.99, 21.43);
        var status = new SubscriberStatus(factory.Services.GetRequiredService<IGrainFactory>(), _time);
        Assert.True(await status.IsSubscribed(id));

        status.Deleted(id);

        Assert.False(await status.IsSubscribed(id));
        Assert.False(await status.IsSubscribed("s-" + Guid.NewGuid().ToString("N")));
    }
}
