using EarlyWarning.Gateway.Auth;
using Microsoft.AspNetCore.SignalR;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>A connection's user is its token's <c>sub</c>: the subscriber id alerts are addressed to.</summary>
public sealed class SubscriberUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => TokenIssuer.SubjectOf(connection.User);
}
