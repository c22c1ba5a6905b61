using System.Text;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>
/// The string literals of a page script, comments skipped: quoted strings as they are, template
/// literals by their fixed parts (each <c>${…}</c> as <see cref="Hole"/>, its inside read as code).
/// Enough for the pages' own scripts, which hold no regular-expression literals.
/// </summary>
internal static class ScriptLiterals
{
    public const char Hole = '\u0001';

    /// <summary>A literal's text and where it starts and ends (past its closing quote) in the source.</summary>
    public sealed record Literal(string Text, int Start, int End);

    public static List<Literal> Of(string source)
    {
        var found = new List<Literal>();
        var i = 0;
        Code(source, ref i, found, untilClosingBrace: false);
        return found;
    }

    private static void Code(string s, ref int i, List<Literal> found, bool untilClosingBrace)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = s.IndexOf('\n', i);
                i = end < 0 ? s.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
            }
            else if (c is '"' or '\'')
            {
                Quoted(s, ref i, found);
            }
            else if (c == '`')
            {
                Template(s, ref i, found);
            }
            else
            {
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    if (depth == 0 && untilClosingBrace)
                    {
                        i++;
                        return;
                    }

                    depth--;
                }

                i++;
            }
        }
    }

    private static void Quoted(string s, ref int i, List<Literal> found)
    {
        var quote = s[i];
        var start = i++;
        var text = new StringBuilder();
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\')
            {
                i++;
            }

            if (i < s.Length)
            {
                text.Append(s[i++]);
            }
        }

        found.Add(new(text.ToString(), start, ++i));
    }

    private static void Template(string s, ref int i, List<Literal> found)
    {
        var start = i++;
        var text = new StringBuilder();
        while (i < s.Length && s[i] != '`')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                text.Append(s[i + 1]);
                i += 2;
            }
            else if (s[i] == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                i += 2;
                text.Append(Hole);
                Code(s, ref i, found, untilClosingBrace: true);
            }
            else
            {
                text.Append(s[i++]);
            }
        }

        found.Add(new(text.ToString(), start, ++i));
    }
}
