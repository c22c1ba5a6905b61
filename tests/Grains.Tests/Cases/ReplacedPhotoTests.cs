using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Photos;
using EarlyWarning.Grains.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Grains.Tests.Cases;

/// <summary>
/// A photo the child's photo replaced is the case's to delete: at once, and when the store refuses
/// that, at the latest with the purge. No copy of the child outlives retention.
/// </summary>
[Collection(FaultyStorageWithoutReminder.Name)]
[Trait("Category", "Privacy")]
public sealed class ReplacedPhotoTests(FaultyStorageWithoutReminderCluster fixture)
{
    private static readonly GeoPoint Kicevo = new(41.5127, 20.9589);

    [Fact]
    public async Task A_replaced_photo_is_deleted_when_the_new_one_is_set()
    {
        var (_, grain) = await fixture.OpenCase(Kicevo, CaseLevel.Internal);
        var first = await Photo(grain);
        var second = await Photo(grain);

        Assert.Null(await first.GetInfo());
        Assert.NotNull(await second.GetInfo());
    }

    [Fact]
    public async Task A_replaced_photo_whose_delete_the_store_refused_is_deleted_by_the_purge()
    {
        var (_, grain) = await fixture.OpenCase(Kicevo.Offset(90, 3), CaseLevel.Internal);
        var first = await Photo(grain);
        var firstId = first.GetGrainId();
        var fault = fixture.Faults.FailWrites((stateName, grainId, _) => stateName == "photo" && grainId == firstId);

        var second = await Photo(grain);
        Assert.NotNull(await first.GetInfo());
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        fixture.Faults.Clear(fault);
        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await grain.ApplyRetention();

        Assert.Null(await first.GetInfo());
        Assert.Null(await second.GetInfo());
        Assert.NotNull((await grain.GetCase())!.PurgedAt);
    }

    [Fact]
    public async Task A_purge_that_cannot_delete_a_replaced_photo_is_not_taken_for_done()
    {
        var (_, grain) = await fixture.OpenCase(Kicevo.Offset(180, 3), CaseLevel.Internal);
        var first = await Photo(grain);
        var firstId = first.GetGrainId();
        var fault = fixture.Faults.FailWrites((stateName, grainId, _) => stateName == "photo" && grainId == firstId);
        await Photo(grain);
        await grain.Resolve(CaseOutcome.Found, null, "operator-1");
        fixture.Clock.Advance(TimeSpan.FromDays(31));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.ApplyRetention());
        Assert.Null((await grain.GetCase())!.PurgedAt);
        fixture.Faults.Clear(fault);
        await grain.ApplyRetention();

        Assert.Null(await first.GetInfo());
        Assert.NotNull((await grain.GetCase())!.PurgedAt);
    }

    /// <summary>A photo stored the way the gateway stores one, then set as the child's.</summary>
    private async Task<IPhotoGrain> Photo(ICaseGrain grain)
    {
        var id = $"p-{Guid.NewGuid():N}";
        var photo = fixture.Client.GetGrain<IPhotoGrain>(id);
        await photo.Store(new StoredPhoto(grain.GetPrimaryKeyString(), "image/jpeg", [1, 2, 3], [4, 5], 4, 4, "sha", fixture.Clock.GetUtcNow()));
        var result = await grain.SetPhoto($"/api/photos/{id}", "operator-1");
        Assert.Equal(CaseRefusal.None, result.Refusal);
        return photo;
    }
}
