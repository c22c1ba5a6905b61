using EarlyWarning.Gateway.Outages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EarlyWarning.Gateway.Tests.Outages;

/// <summary>
/// A 503 with Retry-After only when sending the request again is safe: nothing was done, or its
/// method is idempotent. A POST the cluster failed mid-way is a 504 without one.
/// </summary>
public sealed class OutageProblemsTests
{
    [Theory]
    [InlineData("GET", OutageOutcome.NotApplied, "not-applied")]
    [InlineData("POST", OutageOutcome.NotApplied, "not-applied")]
    [InlineData("GET", OutageOutcome.Unknown, "unknown")]
    [InlineData("HEAD", OutageOutcome.Unknown, "unknown")]
    [InlineData("PUT", OutageOutcome.Unknown, "unknown")]
    [InlineData("DELETE", OutageOutcome.Unknown, "unknown")]
    public void A_request_safe_to_send_again_gets_503_with_retry_after(string method, OutageOutcome outcome, string said)
    {
        var context = new DefaultHttpContext { Request = { Method = method } };

        var problem = Assert.IsType<ProblemHttpResult>(OutageProblems.For(context, outcome, TimeSpan.FromSeconds(5)));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(said, problem.ProblemDetails.Extensions[OutageProblems.OutcomeExtension]);
        Assert.Contains("Try again in 5 s", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_that_may_have_been_applied_gets_504_without_retry_after()
    {
        var context = new DefaultHttpContext { Request = { Method = "POST" } };

        var problem = Assert.IsType<ProblemHttpResult>(OutageProblems.For(context, OutageOutcome.Unknown, TimeSpan.FromSeconds(5)));

        Assert.Equal(StatusCodes.Status504GatewayTimeout, problem.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("unknown", problem.ProblemDetails.Extensions[OutageProblems.OutcomeExtension]);
        Assert.Contains("may or may not have been applied", problem.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_after_is_whole_seconds_rounded_up()
    {
        var context = new DefaultHttpContext { Request = { Method = "GET" } };

        OutageProblems.For(context, OutageOutcome.NotApplied, TimeSpan.FromMilliseconds(1200));

        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }
}
