namespace EarlyWarning.Gateway.Hosting;

/// <summary>An optional text field as it is stored: trimmed, and null when blank (a blank field means "not given").</summary>
public static class OptionalText
{
    public static string? Of(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
