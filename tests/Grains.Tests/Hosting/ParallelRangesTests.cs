using EarlyWarning.Grains.Hosting;
using Xunit;

namespace EarlyWarning.Grains.Tests.Hosting;

public sealed class ParallelRangesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1_000)]
    [InlineData(100_003)]
    public void Every_index_runs_exactly_once_and_none_for_an_empty_silo(int count)
    {
        var runs = new int[count];

        ParallelRanges.For(count, i => Interlocked.Increment(ref runs[i]));

        Assert.All(runs, r => Assert.Equal(1, r));
    }
}
