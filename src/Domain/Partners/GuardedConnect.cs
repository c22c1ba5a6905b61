using System.Net;
using System.Net.Sockets;

namespace EarlyWarning.Domain.Partners;

/// <summary>
/// The connect step of an outgoing client whose destination someone else chose (a push endpoint, a
/// partner's webhook), for <see cref="SocketsHttpHandler.ConnectCallback"/>: the caller resolves
/// the host and keeps only the addresses it may reach (<see cref="PublicOnly"/> unless its
/// allow-list says otherwise); the socket is opened to those alone, so a name whose DNS changed
/// after it was checked cannot steer it into the system's own network.
/// </summary>
public static class GuardedConnect
{
    /// <summary>A stream to the first of <paramref name="addresses"/> that answers on <paramref name="port"/>.</summary>
    public static async ValueTask<Stream> To(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The public ones of <paramref name="addresses"/>; refused with <paramref name="refusal"/>, before any socket exists, when there are none.</summary>
    public static IPAddress[] PublicOnly(IPAddress[] addresses, string refusal)
    {
        var usable = Array.FindAll(addresses, PublicAddress.IsPublic);
        return usable.Length > 0 ? usable : throw new HttpRequestException(HttpRequestError.ConnectionError, refusal);
    }
}
