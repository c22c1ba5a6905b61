using System.Collections.Concurrent;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>An incoming call filter on the test silo: every call into a case grain, with who made it.</summary>
public sealed class CaseCallRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string CaseId, GrainId? Source, string Method)> _calls = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.DeclaringType == typeof(ICaseGrain))
        {
            _calls.Enqueue((context.TargetId.Key.ToString()!, context.SourceId, context.MethodName));
        }

        return context.Invoke();
    }

    /// <summary>Calls into <paramref name="caseId"/> made by grains (not by the test's client), as (calling grain type, method).</summary>
    public IReadOnlyList<(string Caller, string Method)> FromGrains(string caseId) =>
        [.. _calls.Where(c => c.CaseId == caseId && c.Source is { } source && !source.IsClient())
            .Select(c => (c.Source!.Value.Type.ToString()!, c.Method))];

    /// <summary>Every call into <paramref name="caseId"/>, by method name.</summary>
    public IReadOnlyList<string> Methods(string caseId) => [.. _calls.Where(c => c.CaseId == caseId).Select(c => c.Method)];
}
