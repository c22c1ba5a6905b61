namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The control room's and the field page's scripts, resource files and HTML as the test output
/// holds them (Pages/Staff, copied there by the .csproj from web/src and wwwroot).
/// </summary>
internal static class StaffPageFiles
{
    /// <summary>The staff pages (their folders under web/src) with their HTML in wwwroot.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>
    {
        ["control"] = "index.html",
        ["field"] = "field.html",
    };

    /// <summary>The folders holding texts/: each page's, and "shared" (sign-in and connection, for both).</summary>
    public static readonly string[] TextFolders = ["control", "field", "shared"];

    public static readonly string[] Languages = ["mk", "sq", "en"];

    private static string Root => Path.Combine(AppContext.BaseDirectory, "Pages", "Staff");

    public static string TextsPath(string folder, string language) => Path.Combine(Root, folder, "texts", $"{language}.json");

    public static string Html(string page) => File.ReadAllText(Path.Combine(Root, "html", Pages[page]));

    /// <summary>The scripts that speak through the page's texts: its own, and the shared sign-in and language picker.</summary>
    public static IEnumerable<(string Name, string Source)> Scripts(string page) =>
        Directory.GetFiles(Path.Combine(Root, page), "*.js")
            .Append(Path.Combine(Root, "shared", "signIn.js"))
            .Append(Path.Combine(Root, "shared", "staffTexts.js"))
            .Select(path => ($"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}", File.ReadAllText(path)));

    /// <summary>Every key the page can say: its own English texts and the shared ones.</summary>
    public static HashSet<string> EnglishKeys(string page) =>
        [.. TextFiles.Texts(TextsPath(page, "en")).Keys, .. TextFiles.Texts(TextsPath("shared", "en")).Keys];
}
