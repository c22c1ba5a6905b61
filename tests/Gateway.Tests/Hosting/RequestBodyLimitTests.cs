using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EarlyWarning.Gateway.Hosting;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Gateway.Tests.Photos;

namespace EarlyWarning.Gateway.Tests.Hosting;

/// <summary>
/// A JSON body larger than <see cref="RequestBodyLimit.Bytes"/> is refused before the serializer
/// holds it; a photo, up to its own limit, still uploads. Kestrel enforces the limit, so a real socket.
/// </summary>
[Trait("Category", "Security")]
public sealed class RequestBodyLimitTests
{
    [Fact]
    public async Task An_anonymous_body_over_the_limit_is_413_and_a_photo_over_it_still_uploads()
    {
        await using var root = new GatewayFactory();
        var (app, port) = root.OnLoopbackPort();
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var huge = new string('m', 2 * 1024 * 1024);
        var refused = await anonymous.PostAsync("/api/subscribers", new StringContent(
            $$"""{"lat":41.99,"lon":21.43,"radiusKm":5,"language":"{{huge}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Within the limit, the same route answers as before.
        var (_, _) = await Requests.Subscribe(anonymous, 41.99, 21.43);

        using var operatorClient = new HttpClient { BaseAddress = anonymous.BaseAddress };
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await GatewayFactory.TokenFor(app, "operator")).AccessToken);
        var id = (await Requests.OpenCase(operatorClient, "Ana", 41.99, 21.43)).GetProperty("id").GetString();
        var photo = TestImages.Jpeg(3000, 2000);
        Assert.True(photo.Length > RequestBodyLimit.Bytes, $"the test photo is {photo.Length} bytes");
        var uploaded = await operatorClient.PostAsync($"/api/cases/{id}/photo", TestImages.Form(photo));
        Assert.True(uploaded.IsSuccessStatusCode, $"photo upload: {(int)uploaded.StatusCode}");
    }
}
