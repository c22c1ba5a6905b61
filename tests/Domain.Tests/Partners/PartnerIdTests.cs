using EarlyWarning.Domain.Partners;
using Xunit;

namespace EarlyWarning.Domain.Tests.Partners;

[Trait("Category", "Interop")]
public sealed class PartnerIdTests
{
    [Fact]
    public void A_minted_id_parses_back_to_itself()
    {
        var id = PartnerId.New();

        Assert.Matches("^pt-[0-9a-f]{32}$", id.Value);
        Assert.True(PartnerId.TryParse(id.Value, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pt-")]
    [InlineData("pt-0123456789ABCDEF0123456789abcdef")]
    [InlineData("pt-0123456789abcdef0123456789abcde")]
    [InlineData("c-0123456789abcdef0123456789abcdef")]
    [InlineData("pt-0123456789abcdef0123456789abcde/")]
    public void Anything_else_is_not_a_partner_id(string? text) =>
        Assert.False(PartnerId.TryParse(text, out _));
}
