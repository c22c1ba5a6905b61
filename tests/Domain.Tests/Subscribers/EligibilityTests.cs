using EarlyWarning.Domain.Cases;
using EarlyWarning.Domain.Subscribers;
using Xunit;

namespace EarlyWarning.Domain.Tests.Subscribers;

public sealed class EligibilityTests
{
    [Theory]
    [InlineData(SubscriberKind.Field, CaseLevel.Internal, true)]
    [InlineData(SubscriberKind.Field, CaseLevel.Public, true)]
    [InlineData(SubscriberKind.Public, CaseLevel.Internal, false)]
    [InlineData(SubscriberKind.Public, CaseLevel.Public, true)]
    public void Public_subscribers_receive_only_public_cases_and_field_teams_every_case(SubscriberKind kind, CaseLevel level, bool mayReceive)
    {
        Assert.Equal(mayReceive, Eligibility.MayReceive(kind, level));
    }
}
