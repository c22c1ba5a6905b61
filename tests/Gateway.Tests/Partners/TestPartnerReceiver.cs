using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EarlyWarning.Gateway.Tests.Partners;

/// <summary>One webhook request a test partner received, and what it answered.</summary>
public sealed record ReceivedWebhook(string Name, string? ContentType, string? Timestamp, string? Signature, string? Delivery, string Body, int Status);

/// <summary>
/// The tests' own partner: Kestrel over plain HTTP on 127.0.0.1 (a free port). <c>POST /hooks/{name}</c>
/// records the request and answers 200, or what the test scripted for that name (a 500…).
/// </summary>
public sealed class TestPartnerReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _answer = new();

    private TestPartnerReceiver(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public string Url(string name) => $"http://127.0.0.1:{Port}/hooks/{name}";

    public IReadOnlyList<ReceivedWebhook> To(string name) => [.. _received.Where(r => r.Name == name)];

    public static async Task<TestPartnerReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new TestPartnerReceiver(app);
        app.MapPost("/hooks/{name}", receiver.Receive);
        await app.StartAsync();
        receiver.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return receiver;
    }

    /// <summary>The next requests to <paramref name="name"/> get these statuses, in order; 200 after.</summary>
    public void Script(string name, params int[] statuses)
    {
        var queue = _script.GetOrAdd(name, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    /// <summary>From now on <paramref name="name"/> answers <paramref name="status"/> whenever nothing scripted is left (200 until told).</summary>
    public void AnswerFromNowOn(string name, int status) => _answer[name] = status;

    /// <summary>Waits (up to <paramref name="timeout"/>, else 30 s) until <paramref name="name"/> has received a request matching <paramref name="match"/>.</summary>
    public async Task<ReceivedWebhook> WaitFor(string name, Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            if (To(name).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Partner '{name}' did not receive the expected webhook.");
    }

    private async Task Receive(string name, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var status = _script.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : _answer.GetValueOrDefault(name, 200);
        var headers = context.Request.Headers;
        _received.Enqueue(new ReceivedWebhook(
            name, context.Request.ContentType, headers["X-EarlyWarning-Timestamp"], headers["X-EarlyWarning-Signature"],
            headers["X-EarlyWarning-Delivery"], body, status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
