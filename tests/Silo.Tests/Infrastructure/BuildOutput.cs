namespace EarlyWarning.Silo.Tests.Infrastructure;

/// <summary>Where the solution's own programs were built, so tests run them as production does: their own processes.</summary>
public static class BuildOutput
{
    /// <summary>
    /// The built <paramref name="assembly"/> of <c>src/<paramref name="project"/></c>, in this test's
    /// configuration (tests run from tests/Silo.Tests/bin/&lt;Configuration&gt;/net10.0; the project
    /// references build the programs first).
    /// </summary>
    public static string Assembly(string project, string assembly)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EarlyWarning.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("EarlyWarning.sln not found above the test."),
            "src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/{project} first.", dll);
    }
}
