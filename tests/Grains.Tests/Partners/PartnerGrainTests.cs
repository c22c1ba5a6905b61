using EarlyWarning.Grains.Partners;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Partners;

/// <summary>
/// A partner's outbox on the fake domain clock: retries are due when the test moves the clock. The
/// transport is scripted (<see cref="ScriptedPartnerTransport"/>): nothing is sent anywhere.
/// </summary>
[Collection(SharedCluster.Name)]
[Trait("Category", "Interop")]
public sealed class PartnerGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_undelivered_message_is_kept_in_grain_state_through_a_deactivation_and_retried_under_the_same_delivery_id()
    {
        var (id, partner) = await Registered();
        fixture.PartnerTransport.Script(id, 503);

        Assert.True(await partner.Offer(Message("c-kept", 1, "Alert")));
        var first = await Attempts(partner, 1);
        await fixture.Cluster.DeactivateAsync(partner);
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        var both = await Attempts(partner, 2);

        Assert.Equal(503, first[0].StatusCode);
        Assert.NotNull(first[0].NextAttemptAt);
        Assert.Equal([503, 200], both.Select(a => a.StatusCode));
        Assert.Equal([1, 2], both.Select(a => a.Attempt));
        Assert.Single(both.Select(a => a.DeliveryId).Distinct());
        Assert.Null(both[1].NextAttemptAt);
        Assert.Equal(both.Select(a => a.DeliveryId), fixture.PartnerTransport.To(id).Select(s => s.DeliveryId));
    }

    [Fact]
    public async Task A_repeated_or_older_message_of_a_case_is_refused_and_a_later_one_is_taken()
    {
        var (_, partner) = await Registered();

        Assert.True(await partner.Offer(Message("c-ranked", 1, "Alert")));
        Assert.False(await partner.Offer(Message("c-ranked", 1, "Alert")));
        Assert.True(await partner.Offer(Message("c-ranked", 1, "Update")));
        Assert.True(await partner.Offer(Message("c-ranked", 3, "Update")));
        Assert.False(await partner.Offer(Message("c-ranked", 2, "Update")));
        Assert.True(await partner.Offer(Message("c-ranked", 3, "Cancel")));
        Assert.True(await partner.Offer(Message("c-other", 1, "Alert")));
    }

    [Fact]
    public async Task A_message_is_given_up_when_its_next_attempt_would_come_after_it_expires()
    {
        var (id, partner) = await Registered();
        fixture.PartnerTransport.Script(id, 500, 500, 500);

        // The first retry (after 1 s) is in time; the second (2 s after that) is not.
        Assert.True(await partner.Offer(Message("c-expiring", 1, "Alert") with { Expires = fixture.Clock.GetUtcNow().AddSeconds(1.5) }));
        await Attempts(partner, 1);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var attempts = await Attempts(partner, 2);

        Assert.Equal([500, 500], attempts.Select(a => a.StatusCode));
        Assert.NotNull(attempts[0].NextAttemptAt);
        Assert.Null(attempts[1].NextAttemptAt);
    }

    [Fact]
    public async Task A_removed_partner_takes_no_messages_and_has_no_deliveries()
    {
        var (_, partner) = await Registered();

        Assert.True(await partner.Remove());

        Assert.False(await partner.Offer(Message("c-removed", 1, "Alert")));
        Assert.Null(await partner.GetDeliveries());
        Assert.Null(await partner.GetProfile());
    }

    private async Task<(string Id, IPartnerGrain Grain)> Registered()
    {
        var id = "pt-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Client.GetGrain<IPartnerGrain>(id);
        await grain.Register(new PartnerRegistration(
            new PartnerProfile(id, "Test partner", "https://partner.test/hook", ["AL"], ["en"], fixture.Clock.GetUtcNow(), "supervisor"),
            "a-secret-of-16-characters"));
        return (id, grain);
    }

    private PartnerMessage Message(string caseId, long version, string msgType) =>
        new($"urn:earlywarning:{caseId}:v{version}:{msgType}", caseId, version, msgType, "<alert/>", fixture.Clock.GetUtcNow().AddHours(6));

    /// <summary>The partner's attempts, oldest first, once there are <paramref name="count"/> (real time: the grain's timer runs on it).</summary>
    private static async Task<DeliveryAttempt[]> Attempts(IPartnerGrain partner, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var attempts = (await partner.GetDeliveries())!.Reverse().ToArray();
            if (attempts.Length >= count)
            {
                return attempts;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {count} attempts");
            await Task.Delay(50);
        }
    }
}
