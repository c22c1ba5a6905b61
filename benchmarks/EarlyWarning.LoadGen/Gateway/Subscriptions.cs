using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Gateway;

/// <summary>Creates public subscribers through <c>POST /api/subscribers</c>, a bounded number in flight over every address.</summary>
internal static class Subscriptions
{
    private static readonly string[] Languages = ["mk", "sq", "en"];

    /// <summary>One token per point, in order; any failure fails the phase (a benchmark with missing subscribers would mislead).</summary>
    public static async Task<string[]> CreateAsync(
        GatewayClients clients, IReadOnlyList<GeoPoint> points, double watchRadiusKm, int inFlight, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(points);
        var tokens = new string[points.Count];
        using var progress = ProgressLine.Count(label, points.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, points.Count), options, async (i, ct) =>
        {
            var body = new SubscribeBody(points[i].Lat, points[i].Lon, watchRadiusKm, Languages[i % Languages.Length]);
            tokens[i] = (await clients[i].SubscribeAsync(body, ct)).Token;
            progress.Advance();
        });
        return tokens;
    }
}
