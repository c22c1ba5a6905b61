using System.Diagnostics;
using System.Globalization;

namespace EarlyWarning.LoadGen.Hosting;

/// <summary>
/// One status line on stderr, rewritten in place (<c>\r</c>) twice a second while a phase runs
/// and ended with a newline, so stdout keeps only the table.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly string _label;
    private readonly long _total;
    private readonly Func<string>? _detail;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private long _done;
    private long _failed;
    private int _width;
    private bool _ended;

    private ProgressLine(string label, long total, Func<string>? detail)
    {
        _label = label;
        _total = total;
        _detail = detail;
        _timer = new Timer(_ => Print(final: false), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>A phase of <paramref name="total"/> steps, counted with <see cref="Advance"/> and <see cref="Fail"/>.</summary>
    public static ProgressLine Count(string label, long total) => new(label, total, null);

    /// <summary>A phase whose line is written by <paramref name="detail"/> (after the label and elapsed time).</summary>
    public static ProgressLine Describe(string label, Func<string> detail) => new(label, 0, detail);

    public long Done => Interlocked.Read(ref _done);

    public long Failed => Interlocked.Read(ref _failed);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public void Advance() => Interlocked.Increment(ref _done);

    public void Fail() => Interlocked.Increment(ref _failed);

    public void Dispose()
    {
        _timer.Dispose();
        Print(final: true);
    }

    private void Print(bool final)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            var seconds = Elapsed.TotalSeconds;
            var text = _detail is not null
                ? string.Create(CultureInfo.InvariantCulture, $"{_label}: {seconds,6:0.0} s  {_detail()}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{_label}: {Done:N0}/{_total:N0} in {seconds:0.0} s ({Done / Math.Max(seconds, 0.001):N0}/s){(Failed > 0 ? $", {Failed:N0} failed" : "")}");
            _width = Math.Max(_width, text.Length);
            Console.Error.Write("\r" + text.PadRight(_width) + (final ? "\n" : ""));
            _ended = final;
        }
    }
}
