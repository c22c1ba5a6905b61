using System.Collections.Concurrent;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Alerts;
using EarlyWarning.Gateway.Tests.Infrastructure;
using EarlyWarning.Grains.Dispatch;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace EarlyWarning.Gateway.Tests.Alerts;

/// <summary>
/// A phone whose socket stopped taking data (its buffers full: a write waits in its flush until the
/// client times out) holds up no later batch for the other connections on its gateway, which
/// receives batches one after another.
/// </summary>
public sealed class StalledConnectionTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_connection_whose_writes_hang_holds_up_no_later_batch_for_the_others()
    {
        var hub = new HangingHub(hangs: "stalled-connection");
        var connections = factory.Services.GetRequiredService<LocalConnections>();
        var delivery = ActivatorUtilities.CreateInstance<LocalAlertDelivery>(factory.Services, hub);
        var (stalled, live) = ($"s-{Guid.NewGuid():N}", $"s-{Guid.NewGuid():N}");
        connections.Add(stalled, "stalled-connection");
        connections.Add(live, "live-connection");
        try
        {
            var caseId = $"c-{Guid.NewGuid():N}";
            await delivery.Deliver(Batch(caseId, 1, AlertKind.New, stalled, live)).WaitAsync(TimeSpan.FromSeconds(10));
            await delivery.Deliver(Batch(caseId, 2, AlertKind.Update, stalled, live)).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal([1L, 2L], hub.Written("live-connection").Select(m => m.Version));
        }
        finally
        {
            hub.Release();
            connections.Remove(stalled, "stalled-connection");
            connections.Remove(live, "live-connection");
        }
    }

    private static AlertBatch Batch(string caseId, long version, AlertKind kind, params string[] subscriberIds) =>
        HandedBatches.Public(caseId, version, [.. subscriberIds.Select(id => new AlertRecipient(id, kind, "en", 0.5))]);

    /// <summary>A hub whose writes to one connection never finish until released; the others are recorded.</summary>
    private sealed class HangingHub(string hangs) : IHubContext<AlertHub>
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<(string ConnectionId, AlertMessage Message)> _written = new();

        public IHubClients Clients => new HangingClients(this);

        public IGroupManager Groups => throw new NotSupportedException();

        public IReadOnlyList<AlertMessage> Written(string connectionId) =>
            [.. _written.Where(w => w.ConnectionId == connectionId).Select(w => w.Message)];

        public void Release() => _released.TrySetResult();

        private Task Send(string connectionId, object?[] args)
        {
            if (connectionId == hangs)
            {
                return _released.Task;
            }

            _written.Enqueue((connectionId, (AlertMessage)args[0]!));
            return Task.CompletedTask;
        }

        private sealed class HangingClients(HangingHub hub) : IHubClients
        {
            public IClientProxy All => throw new NotSupportedException();

            public ISingleClientProxy Client(string connectionId) => new Proxy(hub, connectionId);

            public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

            public IClientProxy Group(string groupName) => throw new NotSupportedException();

            public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

            public IClientProxy User(string userId) => throw new NotSupportedException();

            public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();

            IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => Client(connectionId);
        }

        private sealed class Proxy(HangingHub hub, string connectionId) : ISingleClientProxy
        {
            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default) => hub.Send(connectionId, args);

            public Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken) => throw new NotSupportedException();
        }
    }
}
