namespace EarlyWarning.Domain.Cases;

/// <summary>How a tip reached the control room. A tip waits for verification, whoever logged it.</summary>
public enum SightingChannel
{
    /// <summary>A call to the control room.</summary>
    Phone,

    /// <summary>The missing-children hotline, 116 000.</summary>
    Hotline,

    /// <summary>Passed on by the police (192).</summary>
    Police,

    /// <summary>Passed on by a non-governmental organisation.</summary>
    Ngo,

    /// <summary>Someone who came in or stopped a team.</summary>
    InPerson,

    /// <summary>The public page or the API, anonymously.</summary>
    Web,
}
