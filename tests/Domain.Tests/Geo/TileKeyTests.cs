using CsCheck;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Tests.Infrastructure;
using Xunit;

namespace EarlyWarning.Domain.Tests.Geo;

public sealed class TileKeyTests
{
    [Fact]
    public void Skopje_at_zoom_11_is_tile_1145_760()
    {
        // Slippy-map formula: x = ⌊(lon + 180) / 360 · 2^z⌋, y = ⌊(1 − asinh(tan φ) / π) / 2 · 2^z⌋.
        var tile = TileKey.FromPoint(NorthMacedonia.Skopje, 11);

        Assert.Equal(new TileKey(11, 1145, 760), tile);
        Assert.Equal("11/1145/760", tile.ToGrainKey());
    }

    [Fact]
    public void Tile_edges_enclose_the_point_it_was_computed_from()
    {
        Gen.Select(NorthMacedonia.Point, Gen.Int[0, 18]).Sample((point, zoom) =>
        {
            var tile = TileKey.FromPoint(point, zoom);

            Assert.InRange(point.Lat, tile.SouthLat, tile.NorthLat);
            Assert.InRange(point.Lon, tile.WestLon, tile.EastLon);
        }, iter: 2_000);
    }

    [Fact]
    public void Grain_key_parses_back_to_the_same_tile()
    {
        Gen.Select(NorthMacedonia.Point, Gen.Int[0, 18]).Sample((point, zoom) =>
        {
            var tile = TileKey.FromPoint(point, zoom);

            Assert.Equal(tile, TileKey.Parse(tile.ToGrainKey()));
        });
    }

    [Theory]
    [InlineData("11/1145")]
    [InlineData("11/1145/760/1")]
    [InlineData("")]
    public void Parse_rejects_a_key_without_three_parts(string key)
    {
        Assert.Throws<FormatException>(() => TileKey.Parse(key));
    }

    [Fact]
    public void Antimeridian_and_poles_clamp_to_the_edge_tiles()
    {
        Assert.Equal(new TileKey(11, 2047, 0), TileKey.FromPoint(new GeoPoint(90, 180), 11));
        Assert.Equal(new TileKey(11, 0, 2047), TileKey.FromPoint(new GeoPoint(-90, -180), 11));
    }
}
