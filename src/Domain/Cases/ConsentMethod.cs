namespace EarlyWarning.Domain.Cases;

/// <summary>How the family or guardian gave consent to publish.</summary>
public enum ConsentMethod
{
    /// <summary>Face to face with an officer or operator.</summary>
    InPerson,

    /// <summary>On the telephone.</summary>
    Phone,

    /// <summary>A signed form or letter.</summary>
    Written,
}
