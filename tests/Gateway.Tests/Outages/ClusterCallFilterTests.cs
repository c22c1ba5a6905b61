using System.Reflection;
using EarlyWarning.Gateway.Outages;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>
/// A grain call on its way when one silo of several leaves: no silo answers for the one that left,
/// so the call would wait Orleans' 30 s; it gets a short grace instead, and calls to silos still
/// there are not cut short. The same grace when the probes find the cluster slow: under load a
/// request about to succeed was answered 504.
/// </summary>
public sealed class ClusterCallFilterTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_call_on_its_way_when_a_silo_leaves_is_answered_as_an_outage_that_may_have_been_applied_after_the_grace()
    {
        var availability = Available();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromMilliseconds(200)).Invoke(Context(call.Task));

        availability.MarkSiloLeft();

        var refused = await Assert.ThrowsAsync<ClusterUnavailableException>(() => filtered.WaitAsync(Guard));
        Assert.True(refused.MayHaveBeenApplied);
        Assert.False(call.Task.IsCompleted);
    }

    [Fact]
    public async Task A_call_that_answers_within_the_grace_after_a_silo_left_is_answered_as_usual()
    {
        var availability = Available();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromSeconds(30)).Invoke(Context(call.Task));

        availability.MarkSiloLeft();
        await Task.Delay(100);
        call.SetResult();

        await filtered.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_silo_that_left_before_the_call_started_does_not_cut_it_short()
    {
        var availability = Available();
        availability.MarkSiloLeft();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromMilliseconds(50)).Invoke(Context(call.Task));

        await Task.Delay(300);
        Assert.False(filtered.IsCompleted);
        call.SetResult();

        await filtered.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_call_on_its_way_when_the_whole_cluster_goes_is_answered_at_once_even_during_a_grace()
    {
        var availability = Available();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromSeconds(30)).Invoke(Context(call.Task));

        availability.MarkSiloLeft();
        availability.MarkUnavailable("No silo is connected.");

        var refused = await Assert.ThrowsAsync<ClusterUnavailableException>(() => filtered.WaitAsync(Guard));
        Assert.True(refused.MayHaveBeenApplied);
    }

    [Fact]
    public async Task A_call_on_its_way_when_the_probes_find_the_cluster_slow_is_answered_as_usual_if_it_answers_within_the_grace()
    {
        var availability = Available();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromSeconds(30)).Invoke(Context(call.Task));

        availability.MarkUnavailable("A storage read through a silo did not answer within 1000 ms.", slow: true);
        await Task.Delay(300);
        Assert.False(filtered.IsCompleted);
        call.SetResult();

        await filtered.WaitAsync(Guard);
    }

    [Fact]
    public async Task A_call_on_its_way_when_the_probes_find_the_cluster_slow_is_answered_as_an_outage_that_may_have_been_applied_after_the_grace()
    {
        var availability = Available();
        var call = new TaskCompletionSource();
        var filtered = Filter(availability, grace: TimeSpan.FromMilliseconds(200)).Invoke(Context(call.Task));

        availability.MarkUnavailable("Redis did not answer within 1000 ms.", slow: true);

        var refused = await Assert.ThrowsAsync<ClusterUnavailableException>(() => filtered.WaitAsync(Guard));
        Assert.True(refused.MayHaveBeenApplied);
        Assert.False(call.Task.IsCompleted);
    }

    [Fact]
    public async Task A_new_call_while_the_cluster_is_found_slow_is_refused_as_not_applied()
    {
        var availability = Available();
        availability.MarkUnavailable("Redis did not answer within 1000 ms.", slow: true);
        var call = new TaskCompletionSource();

        var refused = await Assert.ThrowsAsync<ClusterUnavailableException>(
            () => Filter(availability, grace: TimeSpan.FromSeconds(30)).Invoke(Context(call.Task)).WaitAsync(Guard));
        Assert.False(refused.MayHaveBeenApplied);
    }

    private static ClusterAvailability Available()
    {
        var availability = new ClusterAvailability(monitored: true);
        availability.MarkAvailable();
        return availability;
    }

    private static ClusterCallFilter Filter(ClusterAvailability availability, TimeSpan grace) =>
        new(availability, Options.Create(new OutageOptions { InFlightGrace = grace }));

    /// <summary>A call to a case grain whose answer is <paramref name="answer"/>.</summary>
    private static IOutgoingGrainCallContext Context(Task answer)
    {
        var context = DispatchProxy.Create<IOutgoingGrainCallContext, CallContext>();
        ((CallContext)(object)context).Answer = answer;
        return context;
    }

    /// <summary>Answers what the filter reads of a call: its target, its method, and Invoke.</summary>
    public class CallContext : DispatchProxy
    {
        public Task Answer { get; set; } = Task.CompletedTask;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_TargetId" => GrainId.Create("case", "c-filter-test"),
            "get_InterfaceMethod" => null,
            "Invoke" => Answer,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
