using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>The OASIS CAP 1.2 schema (Cap/CAP-v1.2.xsd, copied to the output), for every test that checks a CAP message.</summary>
public static class CapSchema
{
    private static readonly XmlSchemaSet Schema = Load();

    /// <summary>Fails the test with the schema's messages when <paramref name="document"/> is not valid CAP 1.2.</summary>
    public static void AssertValid(XDocument document)
    {
        var errors = new List<string>();
        document.Validate(Schema, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Cap", "CAP-v1.2.xsd"));
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    }
}
