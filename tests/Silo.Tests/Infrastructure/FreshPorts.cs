namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>
/// Starts a process on ports picked free, and again on new ones when it exits because one was
/// taken meanwhile: a port picked free (bound to port 0, then released) is only bound by the process
/// a moment later, and any process's outgoing connection may take it in between (they share the
/// ephemeral range). A fresh-clone run lost a restarted gateway to it.
/// </summary>
internal static class FreshPorts
{
    /// <summary>Starts in all, the first included.</summary>
    public const int Attempts = 3;

    /// <summary>
    /// <paramref name="launch"/>es (on new ports each time) and waits for <paramref name="ready"/>;
    /// a start that failed and <paramref name="lostItsPort"/> is disposed of and tried again, any
    /// other failure disposed of and thrown.
    /// </summary>
    public static async Task<T> StartAsync<T>(Func<T> launch, Func<T, Task> ready, Func<T, bool> lostItsPort)
        where T : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(lostItsPort);
        for (var attempt = 1; ; attempt++)
        {
            var started = launch();
            try
            {
                await ready(started);
                return started;
            }
            catch (InvalidOperationException) when (attempt < Attempts && lostItsPort(started))
            {
                await started.DisposeAsync();
            }
            catch
            {
                await started.DisposeAsync();
                throw;
            }
        }
    }
}
