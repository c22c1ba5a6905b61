using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>Collects the raw <c>alert</c> messages a hub connection receives; tests await the one they expect.</summary>
public sealed class AlertInbox
{
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Done)> _waiters = [];

    public AlertInbox(HubConnection connection, string method = "alert") =>
        connection.On<JsonElement>(method, message =>
        {
            _received.Enqueue(message);
            lock (_waiters)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
                {
                    waiter.Done.TrySetResult(message);
                    _waiters.Remove(waiter);
                }
            }
        });

    public IReadOnlyList<JsonElement> Received => [.. _received];

    public async Task<JsonElement> WaitFor(Func<JsonElement, bool> match, string what)
    {
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_received.FirstOrDefault(match) is { ValueKind: not JsonValueKind.Undefined } already)
            {
                return already;
            }

            _waiters.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No alert matching '{what}' within 15 s; received: {string.Join(" | ", Received.Select(r => r.GetRawText()))}");
        }
    }

    public static Func<JsonElement, bool> Is(string caseId, string kind) =>
        m => m.GetProperty("caseId").GetString() == caseId && m.GetProperty("kind").GetString() == kind;
}
