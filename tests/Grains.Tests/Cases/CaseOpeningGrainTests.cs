using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>An <c>Idempotency-Key</c> of <c>POST /api/cases</c>: one case per key, whatever the retries.</summary>
[Collection(SharedCluster.Name)]
public sealed class CaseOpeningGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_retry_with_the_same_request_gets_the_first_case_and_opens_no_second_one()
    {
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>(Key());
        var (first, second) = (Given.CaseId(), Given.CaseId());
        var opening = Given.Opening(NorthMacedonia.Ohrid, fixture.Clock.GetUtcNow(), CaseLevel.Internal);

        var opened = await key.Open("request-a", first, opening);
        var retried = await key.Open("request-a", second, opening);

        Assert.Equal(CaseOpeningOutcome.Opened, opened.Outcome);
        Assert.Equal(CaseOpeningOutcome.Replayed, retried.Outcome);
        Assert.Equal(first, opened.Case!.Id);
        Assert.Equal((first, opened.Case.Version, opened.Case.CreatedAt), (retried.Case!.Id, retried.Case.Version, retried.Case.CreatedAt));
        Assert.Null(await fixture.Client.GetGrain<ICaseGrain>(second).GetCase());
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_and_opens_nothing()
    {
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>(Key());
        var other = Given.CaseId();
        await key.Open("request-a", Given.CaseId(), Given.Opening(NorthMacedonia.Ohrid, fixture.Clock.GetUtcNow(), CaseLevel.Internal));

        var refused = await key.Open("request-b", other, Given.Opening(NorthMacedonia.Struga, fixture.Clock.GetUtcNow(), CaseLevel.Internal));

        Assert.Equal(CaseOpeningOutcome.KeyReused, refused.Outcome);
        Assert.Null(refused.Case);
        Assert.Null(await fixture.Client.GetGrain<ICaseGrain>(other).GetCase());
    }

    [Fact]
    public async Task A_claim_left_by_a_first_call_that_died_before_opening_opens_that_same_case_on_retry()
    {
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>(Key());
        var claimed = Given.CaseId();
        await Store(key, new CaseOpeningState { Fingerprint = "request-a", CaseId = claimed, ClaimedAt = fixture.Clock.GetUtcNow() });

        var retried = await key.Open("request-a", Given.CaseId(), Given.Opening(NorthMacedonia.Ohrid, fixture.Clock.GetUtcNow(), CaseLevel.Internal));

        Assert.Equal(CaseOpeningOutcome.Replayed, retried.Outcome);
        Assert.Equal(claimed, retried.Case!.Id);
        Assert.NotNull(await fixture.Client.GetGrain<ICaseGrain>(claimed).GetCase());
    }

    [Theory]
    [InlineData(23, CaseOpeningOutcome.Replayed)]
    [InlineData(25, CaseOpeningOutcome.Opened)]
    public async Task A_key_is_remembered_for_24_hours_and_forgotten_after(int hoursAgo, CaseOpeningOutcome expected)
    {
        var key = fixture.Client.GetGrain<ICaseOpeningGrain>(Key());
        var opening = Given.Opening(NorthMacedonia.Ohrid, fixture.Clock.GetUtcNow(), CaseLevel.Internal);
        var earlier = await fixture.Client.GetGrain<ICaseGrain>(Given.CaseId()).Open(opening);
        await Store(key, new CaseOpeningState
        {
            Fingerprint = "request-a",
            CaseId = earlier.Id,
            ClaimedAt = fixture.Clock.GetUtcNow().AddHours(-hoursAgo),
            Answer = earlier,
        });
        var fresh = Given.CaseId();

        var again = await key.Open("request-a", fresh, opening);

        Assert.Equal(expected, again.Outcome);
        Assert.Equal(expected == CaseOpeningOutcome.Opened ? fresh : earlier.Id, again.Case!.Id);
    }

    private static string Key() => $"key-{Guid.NewGuid():N}";

    // Written before the grain's first call, as an earlier activation would have left it.
    private async Task Store(ICaseOpeningGrain key, CaseOpeningState state)
    {
        var storage = fixture.Storage;
        await storage.WriteStateAsync("case-opening", key.GetGrainId(), new GrainState<CaseOpeningState>(state));
    }
}
