using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>
/// Thousands of generated hostile requests and hub invocations, every route and role: malformed
/// ids (spaces, dots, unicode, overlong, percent-encoded), broken bodies (wrong types, missing
/// fields, huge numbers, NaN, deep nesting, non-JSON), wrong content types and charsets, random
/// methods. Every body the generator makes is malformed, so any write that succeeds is a fault.
/// No 5xx; every 4xx a problem; and the stored state (cases, sightings, versions, reach,
/// acknowledgements, field-team positions) is what it was before.
/// </summary>
[Trait("Category", "Security")]
public sealed class GeneratedInputTests : IAsyncLifetime, IAsyncDisposable
{
    private const int HttpProbes = 2200;
    private const int HubProbes = 600;

    // Frozen, so no zone grows (and bumps a version) while the run lasts.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly GatewayFactory _root = new();
    private WebApplicationFactory<Program> _app = null!;

    public Task InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b =>
        {
            // Hub buckets out of the way: this test is about arguments, HubRateLimitTests about limits.
            b.UseSetting("RateLimits:Hub:LocationBurst", "1000000");
            b.UseSetting("RateLimits:Hub:AcknowledgementBurst", "1000000");
            b.ConfigureServices(s => s.AddKeyedSingleton<TimeProvider>(Clock.Key, _clock));
        });
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task Generated_hostile_requests_and_hub_calls_get_no_5xx_a_problem_for_every_4xx_and_store_nothing()
    {
        var world = await World.Create(_app);
        var before = await world.Snapshot();
        var (http, hub) = (0, 0);

        var probes = Gen.Frequency(
            (HttpProbes, HttpProbe(world.PublicCase, world.InternalCase).Select(p => (Probe)p)),
            (HubProbes, HubProbe(world.PublicCase).Select(p => (Probe)p)));
        await probes.SampleAsync(
            async probe =>
            {
                if (probe is RequestProbe request)
                {
                    await world.Send(request);
                    http++;
                }
                else
                {
                    await world.Invoke((HubCallProbe)probe);
                    hub++;
                }
            },
            iter: HttpProbes + HubProbes,
            threads: 1,
            print: p => p.ToString());

        Assert.True(http + hub >= 2000, $"only {http} requests and {hub} hub calls ran");
        Assert.Equal(before, await world.Snapshot());
        await world.DisposeAsync();
    }

    // ---- what is generated ----------------------------------------------------------------

    private abstract record Probe;

    private sealed record RequestProbe(string Role, string Method, string Path, string? ContentType, string? Body, string? Accept) : Probe
    {
        public override string ToString() => $"{Role} {Method} {Path} [{ContentType}] {Body?[..Math.Min(Body.Length, 300)]}";
    }

    private sealed record HubCallProbe(string Caller, string Method, object?[] Args) : Probe
    {
        public override string ToString() => $"{Caller} hub {Method}({string.Join(", ", Args.Select(a => a is string s ? $"\"{s[..Math.Min(s.Length, 80)]}\"" : a?.ToString() ?? "null"))})";
    }

    private static readonly string[] Roles = ["anonymous", "subscriber", "field", "operator", "supervisor"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    /// <summary>
    /// Ids as they appear in a path: already escaped where a client would escape them. No %00:
    /// Kestrel refuses it before the application sees the request, and the test server throws.
    /// </summary>
    private static Gen<string> BadId =>
        Gen.OneOf(
            Gen.OneOf(
                "%20", "%20%20", "%09", ".", "..", "%2e", "%2e%2e", "%2E%2E", "c-", "c-%20", "c-.", "c-..", "C-ABC",
                "c-abc%2Fdef", "c-%F0%9F%99%82", "c-%C3%A9", "%E6%BC%A2%E5%AD%97", "%3Cscript%3E", "null", "undefined", "-1", "0",
                "c-abc%3Fx=1", "c-abc%23frag", "c-abc%25", "s-1", "%7B%7D", "c_abc", "c-ABC", "c-abc%0A"),
            Gen.String[Gen.Char['\u0001', '\uD7FF'], 0, 60].Select(Uri.EscapeDataString),
            Gen.String[Gen.Char[" .-/%c\u00e9\u6f22"], 1, 40].Select(Uri.EscapeDataString),
            Gen.Int[65, 5000].Select(n => "c-" + new string('a', n)));

    private static Gen<string> CaseIdIn(string publicCase, string internalCase) =>
        Gen.Frequency((6, BadId), (1, Gen.OneOf(publicCase, internalCase, publicCase + "%20", publicCase.ToUpperInvariant(), publicCase + ".json")));

    private static Gen<RequestProbe> HttpProbe(string publicCase, string internalCase)
    {
        var caseId = CaseIdIn(publicCase, internalCase);
        var routes = Gen.OneOf(
            Route("POST", Gen.OneOf("/api/auth/token"), Bodies.Token),
            Route("GET", Gen.OneOf("/api/pages/config"), null),
            Route("POST", Gen.OneOf("/api/cases"), Bodies.Case),
            Route("GET", BadId.Select(q => "/api/cases?status=" + q), null),
            Route("GET", caseId.Select(id => $"/api/cases/{id}"), null),
            Route("GET", caseId.Select(id => $"/api/cases/{id}/zone"), null),
            Route("GET", caseId.Select(id => $"/api/cases/{id}/timeline"), null),
            Route("GET", caseId.Select(id => $"/api/cases/{id}/reach"), null),
            Route("POST", BadId.Select(id => $"/api/cases/{id}/escalate"), null),
            Route("POST", caseId.Select(id => $"/api/cases/{id}/resolve"), Bodies.Resolve),
            Route("POST", caseId.Select(id => $"/api/cases/{id}/sightings"), Bodies.Sighting),
            Route("POST", Gen.Select(caseId, BadId, Gen.OneOf("verify", "reject"), (id, sid, verb) => $"/api/cases/{id}/sightings/{sid}/{verb}"), null),
            Route("POST", Gen.OneOf("/api/subscribers"), Bodies.Subscribe),
            Route("PUT", Gen.OneOf("/api/subscribers/me/location"), Bodies.Location),
            Route("GET", Gen.OneOf("/api/subscribers/me/alerts"), null),
            Route("PUT", Gen.OneOf("/api/subscribers/me/push"), Bodies.Push),
            Route("GET", Gen.OneOf("/api/push/key"), null),
            Route("GET", Gen.OneOf("/api/field-teams"), null),
            Route("GET", Gen.OneOf("/api/cap/alerts.atom"), null),
            Route("GET", caseId.Select(id => $"/api/cap/{id}"), null),
            Route("GET", Gen.OneOf("/healthz", "/healthz/live", "/healthz/ready"), null),
            Route("GET", BadId.Select(junk => $"/api/{junk}"), null),
            Route("GET", BadId.Select(junk => $"/hubs/{junk}"), null),
            Route("POST", BadId.Select(junk => $"/hubs/alerts/{junk}"), Bodies.Junk));
        return
            from route in routes
            from role in Gen.OneOf(Roles)
            from otherMethod in Gen.Frequency((3, Gen.OneOf<string?>((string?)null)), (1, Gen.OneOf(Methods).Select(m => (string?)m)))
            from contentType in Gen.Frequency(
                (6, Gen.Const<string?>("application/json")),
                (1, Gen.OneOf<string?>(null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16", "application/json; charset=latin1", "application/json; charset=\"utf-8\"", "application/merge-patch+json")))
            from accept in Gen.OneOf<string?>(null, "*/*", "text/html", "application/xml", "application/json", "application/problem+json")
            // DELETE me/push is a valid unsubscribe whatever its body: not a malformed write.
            where !(otherMethod == "DELETE" && route.Path == "/api/subscribers/me/push")
            select route with { Role = role, Method = otherMethod ?? route.Method, ContentType = route.Body is null ? null : contentType, Accept = accept };
    }

    private static Gen<RequestProbe> Route(string method, Gen<string> path, Gen<string>? body) =>
        body is null
            ? path.Select(p => new RequestProbe("", method, p, null, null, null))
            : Gen.Select(path, body, (p, b) => new RequestProbe("", method, p, "application/json", b, null));

    private static Gen<HubCallProbe> HubProbe(string publicCase)
    {
        // The subscriber was alerted for the public case: only a bad version may go with its id.
        var badVersion = Gen.OneOf<object?>(-1L, 0L, long.MinValue, long.MaxValue, 10_000L, null, "1", 1.5, true);
        var acknowledge =
            from caller in Gen.OneOf("subscriber", "field", "operator")
            from call in Gen.OneOf(
                Gen.Select(BadId.Select(Uri.UnescapeDataString), Gen.OneOf<object?>(1L, 2L, -1L, 0L, long.MaxValue), (id, v) => new object?[] { id, v }),
                badVersion.Select(v => new object?[] { publicCase, v }),
                Gen.Int[1000, 5000].Select(n => new object?[] { new string('c', n), 1L }),
                Gen.OneOf(new object?[] { null, null }, new object?[] { 123, "x" }, [], new object?[] { publicCase }, new object?[] { publicCase, 1L, "extra" }))
            select new HubCallProbe(caller, "Acknowledge", call);
        var badCoordinate = Gen.OneOf(91.0, -90.0001, 180.0001, -181.0, 1e308, -1e308, double.MaxValue, double.MinValue);
        var location =
            from caller in Gen.OneOf("subscriber", "field", "operator")
            from call in Gen.OneOf(
                Gen.Select(badCoordinate, Gen.Double[-180, 180], (lat, lon) => new object?[] { lat, lon }),
                Gen.Select(Gen.Double[-90, 90], badCoordinate.Where(c => Math.Abs(c) > 180), (lat, lon) => new object?[] { lat, lon }),
                Gen.OneOf(new object?[] { "41.9", "21.4" }, new object?[] { null, null }, new object?[] { 41.9 }, [], new object?[] { true, false }))
            select new HubCallProbe(caller, "UpdateLocation", call);

        // NaN and infinities travel over MessagePack only: the field team's connection.
        var nonFinite = Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
            .Select(x => new HubCallProbe("field", "UpdateLocation", [x, 21.4]));
        var unknown = Gen.OneOf("Nope", "OnConnectedAsync", "Dispose", "SendAsync", "acknowledge ")
            .Select(m => new HubCallProbe("subscriber", m, []));
        return Gen.Frequency((4, acknowledge), (4, location), (1, nonFinite), (1, unknown));
    }

    /// <summary>Bodies that are always malformed: non-JSON, the wrong JSON, or a valid body with a required field broken.</summary>
    private static class Bodies
    {
        private static readonly Gen<JsonNode?> BadNumber = Gen.OneOf<string>(
            "null", "true", "[]", "{}", "\"NaN\"", "\"Infinity\"", "\"abc\"", "1e309", "-1e400", "123456789012345678901234567890", "\"\"")
            .Select(JsonText);

        private static readonly Gen<JsonNode?> BadText = Gen.OneOf(
            Gen.OneOf<string>("null", "\"\"", "\"   \"", "5", "[]", "{}", "true").Select(JsonText),
            Gen.Int[2001, 6000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n))));

        private static readonly Gen<JsonNode?> BadTime = Gen.OneOf<string>(
            "null", "\"0001-01-01T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"yesterday\"", "0", "\"\"", "[]")
            .Select(JsonText);

        private static readonly Gen<JsonNode?> BadEnum = Gen.OneOf<string>(
            "null", "\"flying\"", "\"bicycle,vehicle\"", "\"7\"", "7", "\"\"", "\" walking\"", "{}").Select(JsonText);

        private static readonly Gen<JsonNode?> BadObject = Gen.OneOf<string>("null", "\"x\"", "[]", "5", "true").Select(JsonText);

        public static Gen<string> Junk => Gen.OneOf(
            Gen.OneOf("", "not json", "{", "}", "<xml/>", "\u0000", "{\"a\":", "[1,2", "'single'", "{\"lat\":41.9,}", "\uFEFF{}", "null", "[]", "123", "\"text\""),
            Gen.Int[64, 3000].Select(depth => new string('[', depth) + new string(']', depth)),
            Gen.Int[64, 1500].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
            Gen.String[0, 200]);

        public static Gen<string> Token => Gen.OneOf(
            Junk,
            Gen.Select(Gen.String[0, 40], Gen.OneOf<object?>(null, 5, "", "x", new string('p', 5000)),
                (user, password) => JsonSerializer.Serialize(new { username = "fuzz-" + user, password })));

        public static Gen<string> Case => Broken(
            () => new JsonObject
            {
                ["child"] = new JsonObject { ["name"] = "Ana", ["age"] = 9, ["description"] = "red jacket" },
                ["lastSeen"] = new JsonObject { ["lat"] = 41.35, ["lon"] = 21.55, ["at"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O") },
                ["travelMode"] = "walking",
                ["level"] = "internal",
            },
            ("child", BadObject), ("child.name", BadText), ("child.age", BadNumber), ("child.age", Gen.OneOf(-1, 18, 200).Select(a => (JsonNode?)a)),
            ("child.description", BadText), ("lastSeen", BadObject), ("lastSeen.lat", BadNumber), ("lastSeen.lon", BadNumber),
            ("lastSeen.at", BadTime), ("travelMode", BadEnum), ("level", Gen.OneOf<string>("\"secret\"", "1", "\"internal,public\"").Select(JsonText)));

        public static Gen<string> Sighting => Broken(
            () => new JsonObject
            {
                ["lat"] = 41.35, ["lon"] = 21.55, ["seenAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), ["description"] = "by the market",
            },
            ("lat", BadNumber), ("lon", BadNumber), ("seenAt", BadTime), ("description", BadText),
            ("id", Gen.OneOf<string>("\"client 1\"", "\"x.y\"", "\" \"", "\"../x\"", "5", "\"{0190f1a2-b3c4-d5e6-f708-192a3b4c5d6e}\"").Select(JsonText)),
            ("reporterContact", Gen.Int[201, 3000].Select(n => (JsonNode?)JsonValue.Create(new string('9', n)))));

        public static Gen<string> Resolve => Broken(
            () => new JsonObject { ["outcome"] = "found", ["note"] = "home" },
            ("outcome", BadEnum),
            ("note", Gen.OneOf(
                Gen.Int[2001, 5000].Select(n => (JsonNode?)JsonValue.Create(new string('n', n))),
                Gen.OneOf<string>("[]", "5", "true", "{}").Select(JsonText))));

        public static Gen<string> Subscribe => Broken(
            () => new JsonObject { ["lat"] = 41.35, ["lon"] = 21.55, ["watchRadiusKm"] = 5, ["language"] = "en" },
            ("lat", BadNumber), ("lon", BadNumber), ("watchRadiusKm", BadNumber), ("watchRadiusKm", Gen.OneOf(-1, 101, 100000).Select(r => (JsonNode?)r)),
            ("language", Gen.OneOf<string>("\"xx\"", "\"\"", "5", "\"en,mk\"", "null").Select(JsonText)));

        /// <summary>A real browser subscription's shape: a fresh P-256 point and 16 bytes of auth.</summary>
        public static Gen<string> Push => Broken(
            () => new JsonObject
            {
                ["endpoint"] = "https://fcm.googleapis.com/fcm/send/generated",
                ["keys"] = new JsonObject { ["p256dh"] = ValidP256dh, ["auth"] = "AAAAAAAAAAAAAAAAAAAAAA" },
            },
            ("endpoint", Gen.OneOf<string>(
                "null", "\"\"", "\"http://fcm.googleapis.com/fcm/send/x\"", "\"https://localhost/x\"", "\"https://127.0.0.1:6379/\"",
                "\"https://[::1]/x\"", "\"https://push.attacker.invalid/x\"", "\"https://user@fcm.googleapis.com/x\"", "\"fcm.googleapis.com\"", "5").Select(JsonText)),
            ("keys", BadObject),
            ("keys.p256dh", Gen.OneOf<string>("null", "\"\"", "\"AAAA\"", "\"not base64!\"", "5",
                "\"BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"").Select(JsonText)),
            ("keys.auth", Gen.OneOf<string>("null", "\"\"", "\"AAAA\"", "\"***\"", "[]").Select(JsonText)));

        private static readonly string ValidP256dh = Base64Url(
            System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).PublicKey.ExportSubjectPublicKeyInfo()[^65..]);

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Gen<string> Location => Broken(
            () => new JsonObject { ["lat"] = 41.35, ["lon"] = 21.55 },
            ("lat", BadNumber), ("lon", BadNumber), ("lat", Gen.OneOf(90.5, -91.0).Select(v => (JsonNode?)v)), ("lon", Gen.OneOf(180.5, -500.0).Select(v => (JsonNode?)v)));

        /// <summary>
        /// A valid body with one to three of its <paramref name="breaks"/> applied (a field removed or
        /// set to a value its rules refuse), plus junk fields; or junk outright.
        /// </summary>
        private static Gen<string> Broken(Func<JsonObject> valid, params (string Field, Gen<JsonNode?> Bad)[] breaks)
        {
            // An optional field is only ever spoiled, never removed: its absence is valid.
            var one = Gen.Int[0, breaks.Length - 1].SelectMany(i => IsOptional(breaks[i].Field)
                ? breaks[i].Bad.Select(v => (breaks[i].Field, Value: v, Remove: false))
                : Gen.Frequency(
                    (1, Gen.Const((breaks[i].Field, Value: (JsonNode?)null, Remove: true))),
                    (3, breaks[i].Bad.Select(v => (breaks[i].Field, Value: v, Remove: false)))));
            var broken =
                from changes in one.Array[1, 3]
                from extra in Gen.OneOf<string?>(null, "__proto__", "constructor", "$type", "Lat")
                select Apply(valid(), changes, extra);
            return Gen.Frequency((4, broken), (1, Junk));
        }

        private static string Apply(JsonObject body, (string Field, JsonNode? Value, bool Remove)[] changes, string? extra)
        {
            foreach (var (field, value, remove) in changes)
            {
                var path = field.Split('.');
                var parent = path.Length == 1 ? body : body[path[0]] as JsonObject;
                if (parent is null)
                {
                    continue;
                }

                if (remove)
                {
                    parent.Remove(path[^1]);
                }
                else
                {
                    parent[path[^1]] = value?.DeepClone();
                }
            }

            if (extra is not null)
            {
                body[extra] = "fuzz";
            }

            return body.ToJsonString();
        }

        private static bool IsOptional(string field) => field is "id" or "reporterContact" or "note" or "level";

        private static JsonNode? JsonText(string json) => JsonNode.Parse(json);
    }

    // ---- the gateway under test ------------------------------------------------------------

    private sealed class World : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _app;
        private readonly Dictionary<string, HttpClient> _clients = [];
        private readonly Dictionary<string, HubConnection> _hubs = [];
        private string[] _pushHolders = [];

        private World(WebApplicationFactory<Program> app) => _app = app;

        public string PublicCase { get; private set; } = "";

        public string InternalCase { get; private set; } = "";

        public static async Task<World> Create(WebApplicationFactory<Program> app)
        {
            var world = new World(app);
            var supervisor = await GatewayFactory.TokenFor(app, "supervisor");
            var op = await GatewayFactory.TokenFor(app, "operator");
            var field = await GatewayFactory.TokenFor(app, "field1");
            world._clients["anonymous"] = app.CreateClient();
            world._clients["supervisor"] = WithToken(app, supervisor.AccessToken);
            world._clients["operator"] = WithToken(app, op.AccessToken);
            world._clients["field"] = WithToken(app, field.AccessToken);

            // Prilep: a public case with a subscriber it alerted and a pending anonymous sighting; Štip: an internal one.
            var (subscriberId, subscriberToken) = await Requests.Subscribe(world._clients["anonymous"], 41.3451, 21.5550, radiusKm: 5);
            world._pushHolders = [subscriberId, field.SubscriberId ?? "field1"];
            world._clients["subscriber"] = WithToken(app, subscriberToken);
            world._hubs["subscriber"] = await GatewayFactory.ConnectHubAsync(app, subscriberToken);
            world._hubs["field"] = await GatewayFactory.ConnectHubAsync(app, field.AccessToken, messagePack: true);
            world._hubs["operator"] = await GatewayFactory.ConnectHubAsync(app, op.AccessToken);
            var inbox = new AlertInbox(world._hubs["subscriber"]);
            world.PublicCase = (await Requests.OpenCase(world._clients["supervisor"], "Ana", 41.3440, 21.5530, level: "public")).GetProperty("id").GetString()!;
            world.InternalCase = (await Requests.OpenCase(world._clients["supervisor"], "Ana", 41.7464, 22.1997)).GetProperty("id").GetString()!;
            await inbox.WaitFor(AlertInbox.Is(world.PublicCase, "new"), "new");
            var sighting = await world._clients["anonymous"].PostAsJsonAsync($"/api/cases/{world.PublicCase}/sightings", new
            {
                id = Guid.NewGuid().ToString(), lat = 41.3450, lon = 21.5540, seenAt = DateTimeOffset.UtcNow, description = "by the market",
            });
            Assert.Equal(HttpStatusCode.Accepted, sighting.StatusCode);
            return world;
        }

        public async Task Send(RequestProbe probe)
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
            if (probe.Body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(probe.Body));
                if (probe.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
                }
            }

            if (probe.Accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", probe.Accept);
            }

            using var response = await _clients[probe.Role].SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                throw new InvalidOperationException($"{status} for {probe}: {text}");
            }

            if (status is >= 200 and < 300 && probe.Method is "POST" or "PUT" or "DELETE" or "PATCH")
            {
                throw new InvalidOperationException($"{status}: a malformed write was accepted: {probe}: {text}");
            }

            if (status >= 400 && probe.Method != "HEAD")
            {
                AssertProblem(response, status, text, probe);
            }
        }

        public async Task Invoke(HubCallProbe probe)
        {
            var hub = _hubs[probe.Caller];
            try
            {
                await hub.InvokeCoreAsync(probe.Method, probe.Args).WaitAsync(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException($"accepted: {probe}");
            }
            catch (HubException)
            {
                // The refusal every malformed call must get.
            }

            if (hub.State != HubConnectionState.Connected)
            {
                throw new InvalidOperationException($"the connection dropped after {probe}");
            }
        }

        /// <summary>Everything a refused request could have changed, as one comparable text.</summary>
        public async Task<string> Snapshot()
        {
            var supervisor = _clients["supervisor"];
            var state = new JsonObject
            {
                ["cases"] = new JsonArray([.. (await supervisor.GetFromJsonAsync<JsonElement[]>("/api/cases"))!
                    .Select(c => $"{c.GetProperty("id")} {c.GetProperty("status")} {c.GetProperty("level")} v{c.GetProperty("version")}")
                    .Order(StringComparer.Ordinal)
                    .Select(c => (JsonNode?)c)]),
                ["fieldTeams"] = JsonNode.Parse(await supervisor.GetStringAsync("/api/field-teams")),
                ["subscriberAlerts"] = (int)(await _clients["subscriber"].GetAsync("/api/subscribers/me/alerts")).StatusCode,
            };
            var grains = _app.Services.GetRequiredService<IGrainFactory>();
            foreach (var holder in _pushHolders)
            {
                state["push:" + holder] = (await grains.GetGrain<EarlyWarning.Grains.Subscribers.ISubscriberGrain>(holder).GetPush())?.Endpoint;
            }

            foreach (var id in new[] { PublicCase, InternalCase })
            {
                var detail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
                state[id] = new JsonObject
                {
                    ["version"] = detail.GetProperty("version").GetInt64(),
                    ["level"] = detail.GetProperty("level").GetString(),
                    ["status"] = detail.GetProperty("status").GetString(),
                    ["sightings"] = JsonNode.Parse(detail.GetProperty("sightings").GetRawText()),
                    ["acknowledged"] = detail.GetProperty("stats").GetProperty("acknowledged").GetInt64(),
                    ["timeline"] = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/cases/{id}/timeline"))!.Length,
                    ["reach"] = JsonNode.Parse(await supervisor.GetStringAsync($"/api/cases/{id}/reach")),
                };
            }

            return state.ToJsonString();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hub in _hubs.Values)
            {
                await hub.DisposeAsync();
            }

            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }
        }

        private static HttpClient WithToken(WebApplicationFactory<Program> app, string token)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private static void AssertProblem(HttpResponseMessage response, int status, string text, RequestProbe probe)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                throw new InvalidOperationException($"{status} as {response.Content.Headers.ContentType} for {probe}: {text[..Math.Min(text.Length, 300)]}");
            }

            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status
                || !problem.RootElement.TryGetProperty("title", out var title) || string.IsNullOrEmpty(title.GetString()))
            {
                throw new InvalidOperationException($"{status} without status and title for {probe}: {text}");
            }
        }
    }
}
