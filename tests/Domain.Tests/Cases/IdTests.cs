using Xunit;
using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Regions;
using EarlyWarning.Domain.Subscribers;

namespace EarlyWarning.Domain.Tests.Cases;

public sealed class IdTests
{
    [Fact]
    public void Minted_named_and_client_ids_parse_and_others_do_not()
    {
        Assert.True(CaseId.IsValid(CaseId.New().Value));
        Assert.Equal("c-demo-20261123", CaseId.Named("demo-20261123").Value);
        Assert.True(SightingId.IsValid(SightingId.New().Value));
        Assert.True(SightingId.IsValid(Guid.NewGuid().ToString()));
        Assert.True(SightingId.IsValid(Guid.NewGuid().ToString("N")));
        Assert.True(SightingId.IsValid("client-1"));
        Assert.False(SightingId.IsValid(new string('a', SightingId.MaxLength + 1)));
        Assert.False(SightingId.IsValid("a.b"));
        Assert.False(CaseId.IsValid(null));
        Assert.False(CaseId.IsValid("c-"));
        Assert.False(CaseId.IsValid("c-Upper"));
        Assert.False(CaseId.IsValid("c-" + new string('a', CaseId.MaxLength - 1)));
        Assert.False(SightingId.IsValid(null));
        Assert.Throws<ArgumentException>(() => CaseId.Named("Not A Slug"));
    }

    [Fact]
    public void Case_ids_minted_later_sort_after_earlier_ones()
    {
        var first = CaseId.New();
        Thread.Sleep(2);
        var second = CaseId.New();

        Assert.True(string.CompareOrdinal(first.Value, second.Value) < 0);
    }

    [Fact]
    public void A_minted_subscriber_id_is_packed_by_tiles_and_a_named_one_keeps_its_text()
    {
        var minted = SubscriberId.New();
        var named = SubscriberId.From("field5");

        Assert.True(minted.IsMinted);
        Assert.False(named.IsMinted);
        Assert.False(SubscriberId.HasMintedForm(minted.Value.ToUpperInvariant()));
        Assert.True(SubscriberKey.Of(minted.Value).IsCompact);
        Assert.False(SubscriberKey.Of(named.Value).IsCompact);
        Assert.Equal(minted.Value, SubscriberKey.Of(minted.Value).ToString());
        Assert.Throws<ArgumentException>(() => SubscriberId.From(""));
    }
}
