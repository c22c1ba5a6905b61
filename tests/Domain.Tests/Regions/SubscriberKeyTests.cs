using CsCheck;
using EarlyWarning.Domain.Regions;
using Xunit;

namespace EarlyWarning.Domain.Tests.Regions;

public sealed class SubscriberKeyTests
{
    [Fact]
    public void Every_gateway_id_is_held_as_a_number_and_comes_back_exactly()
    {
        Gen.Guid.Sample(guid =>
        {
            var id = "s-" + guid.ToString("N");
            var key = SubscriberKey.Of(id);
            Assert.True(key.IsCompact);
            Assert.Equal(id, key.ToString());
            Assert.Equal(key, SubscriberKey.Of(new string(id.AsSpan())));
        });
    }

    [Fact]
    public void Leading_zeros_survive_the_round_trip()
    {
        const string id = "s-00000000000000000000000000000a0f";
        Assert.True(SubscriberKey.Of(id).IsCompact);
        Assert.Equal(id, SubscriberKey.Of(id).ToString());
    }

    [Theory]
    [InlineData("field-1")]
    [InlineData("s-019AD2C4F3B07E1A9C0D5E6F7A8B9C0D")]
    [InlineData("s-019ad2c4f3b07e1a9c0d5e6f7a8b9c0")]
    [InlineData("x-019ad2c4f3b07e1a9c0d5e6f7a8b9c0d")]
    [InlineData("s-019ad2c4f3b07e1a9c0d5e6f7a8b9c0g")]
    [InlineData("")]
    public void Any_other_id_keeps_its_text_as_given(string id)
    {
        var key = SubscriberKey.Of(id);
        Assert.False(key.IsCompact);
        Assert.Equal(id, key.ToString());
    }

    [Fact]
    public void Ids_that_differ_only_in_case_are_different_subscribers()
    {
        var lower = SubscriberKey.Of("s-019ad2c4f3b07e1a9c0d5e6f7a8b9c0d");
        var upper = SubscriberKey.Of("s-019AD2C4F3B07E1A9C0D5E6F7A8B9C0D");
        Assert.NotEqual(lower, upper);
        Assert.True(lower != upper);
    }
}
