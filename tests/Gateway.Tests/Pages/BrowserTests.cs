namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The Chromium page tests run one class at a time (each class has its own gateway and browser):
/// on two cores, pages of several classes at once miss their few seconds to react.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests
{
    public const string Name = "Browser";
}
