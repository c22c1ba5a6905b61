using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Benchmarks;
using EarlyWarning.Gateway.Cap;
using EarlyWarning.Gateway.CasePages;
using EarlyWarning.Gateway.Cases;
using EarlyWarning.Gateway.Demo;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Outages;
using EarlyWarning.Gateway.Pages;
using EarlyWarning.Gateway.Partners;
using EarlyWarning.Gateway.Photos;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Gateway.Subscribers;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

// `vapid-keys` prints a fresh VAPID pair for Push:PublicKey / Push:PrivateKey and exits.
if (args is ["vapid-keys"])
{
    Console.WriteLine(VapidKeys.Create().ToJson());
    return;
}

// `--demo` is a bare flag, so it is read here rather than through configuration.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
if (demo)
{
    // The demo plays its scenario from the start on every run: it keeps no state between runs
    // (its ids are fixed, so a kept file would hold last run's case, already at the end of its route).
    builder.Configuration.AddInMemoryCollection([new($"{StorageOptions.Section}:Provider", "memory")]);
}

builder.AddEarlyWarningTelemetry();
builder.AddEarlyWarningOrleans();
// Right after Orleans: its monitor's first probe, as the client starts, comes before any other grain call.
builder.AddEarlyWarningOutages();
builder.AddEarlyWarningJson();
builder.AddEarlyWarningProblemDetails();
builder.AddEarlyWarningAuth(demo);
builder.AddEarlyWarningStartupChecks();
builder.AddEarlyWarningForwardedHeaders();
builder.AddEarlyWarningRequestBodyLimit();
builder.AddEarlyWarningRateLimits();
builder.AddEarlyWarningCapCache();
builder.AddEarlyWarningOpenApi();
builder.AddEarlyWarningAlerts();
builder.AddEarlyWarningPush();
builder.AddEarlyWarningPartners();
builder.AddEarlyWarningDemo(demo);
builder.AddEarlyWarningNoOpHub();
builder.AddEarlyWarningPages();
builder.AddEarlyWarningPhotos();
builder.AddEarlyWarningSecurityHeaders();
builder.Services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);
builder.AddEarlyWarningHealth();

var app = builder.Build();

// First: everything after it (limits, links, HSTS) sees the client's address and scheme.
app.UseForwardedHeaders();
app.UseEarlyWarningSecurityHeaders();
app.UseEarlyWarningProblemDetails();
// Before authentication: a hub connect while the cluster is down is refused with its reason.
app.UseEarlyWarningOutages();
app.MapPages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
// After the limiter, so a cached answer still counts against its caller.
app.UseOutputCache();

app.MapEarlyWarningHealth();
app.MapEarlyWarningApiReference();
app.MapTokens().RequireRateLimiting(RateLimitPolicies.TokenRequests);
app.MapCases();
app.MapPhotos();
app.MapSubscribers();
app.MapFieldTeams();
app.MapPush();
app.MapCap();
app.MapPartners();
app.MapCasePages();
app.MapEarlyWarningDashboard();
app.Use(HubTransportProblems.RequireConnectionId);
// A connection lives no longer than the token that opened it; the client reconnects with a fresh one.
app.MapHub<AlertHub>(HubTransportProblems.HubPath, o => o.CloseOnAuthenticationExpiration = true);
app.MapEarlyWarningNoOpHub();

app.Lifetime.ApplicationStarted.Register(() =>
    GatewayLog.Listening(app.Logger, string.Join(", ", app.Urls), demo || app.Environment.IsDevelopment()));

app.Run();

/// <summary>Entry point; public and partial so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
