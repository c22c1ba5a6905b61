using EarlyWarning.Domain.Alerts;
using Xunit;

namespace EarlyWarning.Domain.Tests.Alerts;

public sealed class FigureHistoryTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 14, 0, 0, TimeSpan.Zero);

    private static void Record(List<(DateTimeOffset At, int Count)> samples, double seconds, int count, int capacity = 100) =>
        FigureHistory.Record<(DateTimeOffset At, int Count)>(samples, (Start.AddSeconds(seconds), count), s => s.At, TimeSpan.FromSeconds(1), capacity);

    [Fact]
    public void Samples_closer_than_the_spacing_to_the_one_before_replace_the_newest()
    {
        var samples = new List<(DateTimeOffset At, int Count)>();
        Record(samples, 0, 1);
        Record(samples, 0.3, 2);
        Record(samples, 0.6, 3);
        Record(samples, 1.2, 4);

        Assert.Equal([1, 3, 4], samples.Select(s => s.Count));
        Assert.Equal(Start.AddSeconds(0.6), samples[1].At);
    }

    [Fact]
    public void Past_the_capacity_every_other_sample_goes_but_the_first_and_the_newest_stay()
    {
        var samples = new List<(DateTimeOffset At, int Count)>();
        for (var i = 0; i < 5; i++)
        {
            Record(samples, i * 10, i, capacity: 4);
        }

        Assert.Equal([0, 2, 4], samples.Select(s => s.Count));
        for (var i = 5; i < 40; i++)
        {
            Record(samples, i * 10, i, capacity: 4);
            Assert.InRange(samples.Count, 2, 4);
            Assert.Equal(0, samples[0].Count);
            Assert.Equal(i, samples[^1].Count);
        }
    }
}
