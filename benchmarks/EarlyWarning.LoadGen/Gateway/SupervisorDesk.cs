using System.Diagnostics;
using EarlyWarning.LoadGen.Hosting;

namespace EarlyWarning.LoadGen.Gateway;

/// <summary>
/// The demo supervisor (Development only): opens public cases and reports verified sightings.
/// A sighting's <c>seenAt</c> lies <c>age</c> in the past, which fixes the zone's radius
/// (walking: 1 km + 5 km/h × age, at most 50 km); see <see cref="SightingAge"/>.
/// </summary>
internal sealed class SupervisorDesk
{
    private readonly GatewayApi _api;
    private readonly string _token;

    private SupervisorDesk(GatewayApi api, string token)
    {
        _api = api;
        _token = token;
    }

    public static async Task<SupervisorDesk> SignInAsync(GatewayApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new SupervisorDesk(api, await api.SignInAsync("supervisor", "supervisor-demo", cancellationToken));
    }

    /// <summary>Opens a public walking case last seen at <paramref name="at"/>, <paramref name="age"/> ago; returns its id.</summary>
    public async Task<string> OpenPublicCaseAsync(GeoPoint at, TimeSpan age, CancellationToken cancellationToken)
    {
        var body = new OpenCaseBody(
            new ChildBody("Load Test", 9, "load generator case"),
            new LastSeenBody(at.Lat, at.Lon, TimeProvider.System.GetUtcNow() - age),
            "walking",
            "public");
        return (await _api.OpenCaseAsync(_token, body, cancellationToken)).Id;
    }

    /// <summary>Reports a verified sighting; returns the <see cref="Stopwatch"/> timestamp of its 202.</summary>
    public async Task<long> ReportAsync(string caseId, GeoPoint at, TimeSpan age, CancellationToken cancellationToken)
    {
        var body = new SightingBody("s-loadgen-" + Guid.NewGuid().ToString("N"), at.Lat, at.Lon, TimeProvider.System.GetUtcNow() - age, "load generator sighting");
        await _api.ReportSightingAsync(_token, caseId, body, cancellationToken);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Resolves the case (cancels go out); a failure is reported, not thrown: the figures are already taken.</summary>
    public async Task ResolveQuietlyAsync(string? caseId, CancellationToken cancellationToken)
    {
        if (caseId is null)
        {
            return;
        }

        try
        {
            await _api.ResolveAsync(_token, caseId, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"resolving {caseId}: {ex.Message}");
        }
    }
}
