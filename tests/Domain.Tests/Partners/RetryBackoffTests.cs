using EarlyWarning.Domain.Partners;
using Xunit;

namespace EarlyWarning.Domain.Tests.Partners;

[Trait("Category", "Interop")]
public sealed class RetryBackoffTests
{
    [Fact]
    public void The_wait_doubles_from_one_second_and_stops_at_five_minutes()
    {
        var waits = Enumerable.Range(1, 12).Select(a => RetryBackoff.After(a, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], waits);
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.After(10_000, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
    }
}
