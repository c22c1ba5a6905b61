using System.Security.Claims;
using EarlyWarning.Gateway.Auth;
using EarlyWarning.Gateway.Outages;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>Which hub connections a recovery closes: the control room's always, the subscribers' only when told.</summary>
public sealed class OpenHubConnectionsTests
{
    [Fact]
    public void Closing_without_the_subscribers_closes_only_the_control_rooms_connections()
    {
        var connections = new OpenHubConnections();
        var supervisor = new Connection("c1", Roles.Supervisor);
        var operatorDesk = new Connection("c2", Roles.Operator);
        var phone = new Connection("c3", role: null);
        foreach (var connection in (Connection[])[supervisor, operatorDesk, phone])
        {
            connections.Opened(connection);
        }

        Assert.Equal(2, connections.CloseAll(subscribers: false));
        Assert.True(supervisor.Aborted && operatorDesk.Aborted);
        Assert.False(phone.Aborted);

        Assert.Equal(3, connections.CloseAll(subscribers: true));
        Assert.True(phone.Aborted);
    }

    private sealed class Connection(string id, string? role) : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId => id;

        public override string? UserIdentifier => id;

        public override ClaimsPrincipal? User { get; } = new(new ClaimsIdentity(
            role is null ? [new Claim("sub", id)] : [new Claim("sub", id), new Claim(ClaimTypes.Role, role)], "test"));

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}
