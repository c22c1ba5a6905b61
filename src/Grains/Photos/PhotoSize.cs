namespace EarlyWarning.Grains.Photos;

/// <summary>Which of a photo's sizes to serve.</summary>
public enum PhotoSize
{
    /// <summary>The size phones and pages show (and CAP links to).</summary>
    Phone,

    /// <summary>A thumbnail for map markers and lists.</summary>
    Map,
}
