namespace EarlyWarning.Domain.Subscribers;

/// <summary>Who a subscriber is; decides which cases reach it.</summary>
public enum SubscriberKind
{
    /// <summary>A field team member: alerted for internal and public cases.</summary>
    Field,

    /// <summary>A member of the public: alerted for public cases only.</summary>
    Public,
}
