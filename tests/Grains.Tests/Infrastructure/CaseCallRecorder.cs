using System.Collections.Concurrent;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Regions;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// An incoming call filter on the test silo: every call into a case grain, with who made it, and
/// the cases whose zones were published to a region directory shard.
/// </summary>
public sealed class CaseCallRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string CaseId, GrainId? Source, string Method)> _calls = new();
    private readonly ConcurrentQueue<string> _published = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.DeclaringType == typeof(ICaseGrain))
        {
            _calls.Enqueue((context.TargetId.Key.ToString()!, context.SourceId, context.MethodName));
        }
        else if (context.InterfaceMethod?.DeclaringType == typeof(IRegionDirectoryGrain)
            && context.MethodName == nameof(IRegionDirectoryGrain.Publish)
            && context.Request.GetArgument(0) is ZoneSnapshot[] zones)
        {
            foreach (var zone in zones)
            {
                _published.Enqueue(zone.CaseId);
            }
        }

        return context.Invoke();
    }

    /// <summary>How many times a zone of <paramref name="caseId"/> was published to a directory shard.</summary>
    public int Publishes(string caseId) => _published.Count(id => id == caseId);

    /// <summary>Calls into <paramref name="caseId"/> made by grains (not by the test's client), as (calling grain type, method).</summary>
    public IReadOnlyList<(string Caller, string Method)> FromGrains(string caseId) =>
        [.. _calls.Where(c => c.CaseId == caseId && c.Source is { } source && !source.IsClient())
            .Select(c => (c.Source!.Value.Type.ToString()!, c.Method))];

    /// <summary>Every call into <paramref name="caseId"/>, by method name.</summary>
    public IReadOnlyList<string> Methods(string caseId) => [.. _calls.Where(c => c.CaseId == caseId).Select(c => c.Method)];
}
