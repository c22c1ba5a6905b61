using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Tests.Infrastructure;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>
/// Issue 14, item 3: what <c>PUT /api/subscribers/me/push</c> takes. Refused endpoints are
/// loopback addresses and made-up names only; each is refused before any connection is made.
/// </summary>
[Trait("Category", "Push")]
public sealed class PushSubscriptionTests(PushGatewayFixture fixture) : IClassFixture<PushGatewayFixture>
{
    [Fact]
    public async Task The_vapid_public_key_is_served_anonymously()
    {
        using var client = fixture.Gateway.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/api/push/key");

        Assert.Equal(GatewayFactory.Vapid.PublicKey, body.GetProperty("publicKey").GetString());
    }

    [Theory]
    [InlineData("https://push.example.invalid/push/x")] // a name not on the list
    [InlineData("https://localhost/push/x")]
    [InlineData("https://127.0.0.1/push/x")] // loopback on 443: only the listed port is allowed
    [InlineData("https://127.0.0.1:6379/push/x")] // a Redis port on loopback
    [InlineData("https://[::1]/push/x")]
    [InlineData("https://127.0.0.2/push/x")]
    [InlineData("https://fcm.googleapis.com.example.invalid/push/x")] // a listed name as a prefix only
    [InlineData("https://user@push.example.invalid/push/x")]
    [InlineData("not a url")]
    public async Task An_endpoint_off_the_allowed_hosts_is_refused_with_400_and_never_called(string endpoint)
    {
        var at = fixture.NextPlace();
        using var anonymous = fixture.Gateway.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon);
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var push = new TestPushSubscription(endpoint);

        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["endpoint"], Requests.ErrorFields(await Requests.Problem(response)));
        Assert.Null(await fixture.StoredPush(id));
    }

    [Fact]
    public async Task An_http_endpoint_on_the_listed_host_and_port_is_refused()
    {
        var at = fixture.NextPlace();
        using var anonymous = fixture.Gateway.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon);
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var push = new TestPushSubscription($"http://{fixture.PushService.HostPort}/push/plain-http");

        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["endpoint"], Requests.ErrorFields(await Requests.Problem(response)));
        Assert.Null(await fixture.StoredPush(id));
        Assert.Empty(fixture.PushService.To("plain-http"));
    }

    [Theory]
    [InlineData("short", null, "keys.p256dh")]
    [InlineData("off-curve", null, "keys.p256dh")]
    [InlineData("compressed", null, "keys.p256dh")]
    [InlineData("not-base64url", null, "keys.p256dh")]
    [InlineData(null, "short", "keys.auth")]
    [InlineData(null, "not-base64url", "keys.auth")]
    [InlineData("missing", "missing", "keys.p256dh,keys.auth")]
    public async Task Keys_of_the_wrong_length_or_off_the_curve_are_refused_naming_the_field(string? p256dhCase, string? authCase, string fields)
    {
        var at = fixture.NextPlace();
        using var anonymous = fixture.Gateway.CreateClient();
        var (id, token) = await Requests.Subscribe(anonymous, at.Lat, at.Lon);
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var good = new TestPushSubscription(fixture.PushService.Endpoint("keys"));
        var offCurve = (byte[])good.PublicKey.Clone();
        offCurve[^1] ^= 0x01;
        var p256dh = p256dhCase switch
        {
            "short" => Base64Url.EncodeToString(good.PublicKey.AsSpan(0, 64)),
            "off-curve" => Base64Url.EncodeToString(offCurve),
            "compressed" => Base64Url.EncodeToString([(byte)(2 + (good.PublicKey[^1] & 1)), .. good.PublicKey[1..33]]),
            "not-base64url" => "BAD+/KEY*",
            "missing" => null,
            _ => Base64Url.EncodeToString(good.PublicKey),
        };
        var auth = authCase switch
        {
            "short" => Base64Url.EncodeToString(good.Auth.AsSpan(0, 15)),
            "not-base64url" => "a!b@c#d$",
            "missing" => null,
            _ => Base64Url.EncodeToString(good.Auth),
        };

        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", new { endpoint = good.Endpoint, keys = new { p256dh, auth } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(fields.Split(',').Order(), Requests.ErrorFields(await Requests.Problem(response)).Order());
        Assert.Null(await fixture.StoredPush(id));
    }

    [Fact]
    public async Task A_field_account_may_put_its_push_subscription_before_its_first_position()
    {
        var token = await fixture.TokenFor("field4", "field-demo");
        using var client = fixture.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var push = new TestPushSubscription(fixture.PushService.Endpoint("field4"));

        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(push.Endpoint, (await fixture.StoredPush("field4"))?.Endpoint);
        var moved = await client.PutAsJsonAsync("/api/subscribers/me/location", new { lat = 41.99, lon = 21.43 });
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        Assert.Equal(push.Endpoint, (await fixture.StoredPush("field4"))?.Endpoint);
    }

    [Fact]
    public async Task Without_a_token_putting_a_push_subscription_is_refused()
    {
        using var client = fixture.Gateway.CreateClient();
        using var push = new TestPushSubscription(fixture.PushService.Endpoint("anonymous"));

        var response = await client.PutAsJsonAsync("/api/subscribers/me/push", push.ToJson());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
