using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>Every <c>alert</c> a hub connection receives, in order, and a way to wait for one.</summary>
public sealed class AlertInbox
{
    private readonly Lock _gate = new();
    private readonly List<JsonElement> _received = [];
    private readonly List<(Func<JsonElement, bool> Match, TaskCompletionSource<JsonElement> Found)> _waiting = [];

    /// <summary>Listens on <paramref name="hub"/>; call before starting it.</summary>
    public AlertInbox(HubConnection hub) => hub.On<JsonElement>("alert", Add);

    /// <summary>What has arrived so far.</summary>
    public IReadOnlyList<JsonElement> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The alerts of <paramref name="kind"/> (new, update, cancel) for a case received so far.</summary>
    public IReadOnlyList<JsonElement> Of(string caseId, string kind) =>
        [.. Received.Where(a => a.GetProperty("caseId").GetString() == caseId && a.GetProperty("kind").GetString() == kind)];

    /// <summary>The first alert, received already or within <paramref name="timeout"/>, that <paramref name="match"/> accepts.</summary>
    public Task<JsonElement> WaitFor(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_gate)
        {
            if (_received.FirstOrDefault(match) is { ValueKind: not JsonValueKind.Undefined } already)
            {
                return Task.FromResult(already);
            }

            var found = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, found));
            return found.Task.WaitAsync(timeout);
        }
    }

    /// <summary>The first alert of <paramref name="kind"/> for the case.</summary>
    public Task<JsonElement> WaitFor(string caseId, string kind, TimeSpan timeout) =>
        WaitFor(a => a.GetProperty("caseId").GetString() == caseId && a.GetProperty("kind").GetString() == kind, timeout);

    private void Add(JsonElement alert)
    {
        lock (_gate)
        {
            _received.Add(alert.Clone());
            foreach (var waiter in _waiting.Where(w => w.Match(alert)).ToList())
            {
                waiter.Found.TrySetResult(alert.Clone());
                _waiting.Remove(waiter);
            }
        }
    }
}
