using System.Net.Http.Json;
using System.Text.Json;
using EarlyWarning.Gateway.Push;
using EarlyWarning.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EarlyWarning.Gateway.Tests.Push;

/// <summary>Issue 14, item 2: where the VAPID pair comes from, and start-up refusing push without one outside Development.</summary>
[Trait("Category", "Push")]
public sealed class PushStartupTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Production_with_push_on_and_no_vapid_keys_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Auth:SigningKey", "0123456789abcdef0123456789abcdef");
            b.UseSetting("Push:PublicKey", "");
            b.UseSetting("Push:PrivateKey", "");
        });

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("Push:PublicKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_public_key_that_is_not_the_private_keys_refuses_to_start()
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b => b.UseSetting("Push:PublicKey", VapidKeys.Create().PublicKey));

        var error = Record.Exception(() => app.Server);

        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains("not the public key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_without_keys_makes_a_pair_once_and_keeps_it_in_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("ew-vapid-");
        try
        {
            var file = Path.Combine(folder.FullName, "data", "vapid.json");
            var first = await ServedKey(file);
            var second = await ServedKey(file);

            Assert.Equal(first, second);
            var kept = JsonSerializer.Deserialize<VapidKeys>(await File.ReadAllTextAsync(file), WebJson)!;
            Assert.Equal(first, kept.PublicKey);
            Assert.Null(kept.Problem());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> ServedKey(string keyFile)
    {
        await using var root = new GatewayFactory();
        await using var app = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Push:PublicKey", "");
            b.UseSetting("Push:PrivateKey", "");
            b.UseSetting("Push:DevelopmentKeyFile", keyFile);
        });
        using var client = app.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>("/api/push/key");
        return body.GetProperty("publicKey").GetString()!;
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
