using System.Text;

namespace Analytics.Tests.Architecture;

/// <summary>
/// The text of every string literal in C# source: regular, verbatim, raw and interpolated (an interpolation hole
/// reads as " {} ", and strings inside it are literals of their own). Comments and char literals are skipped, so a
/// quote in '"' or in a comment opens nothing.
/// </summary>
internal static class StringLiterals
{
    public static IReadOnlyList<string> In(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var literals = new List<string>();
        var i = 0;
        Code(source, ref i, literals, inHole: false);
        return literals;
    }

    /// <summary>Reads code up to the end, or, in a hole, up to the brace that closes it.</summary>
    private static void Code(string s, ref int i, List<string> literals, bool inHole)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '/' && At(s, i + 1) == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(s, i + 1) == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
            }
            else if (c == '\'')
            {
                i += At(s, i + 1) == '\\' ? 3 : 2;
                while (i < s.Length && s[i] != '\'')
                {
                    i++;
                }

                i++;
            }
            else if (StringStart(s, i) is { } start)
            {
                i = start.Quote;
                literals.Add(Literal(s, ref i, start.Dollars, start.Verbatim, literals));
            }
            else if (inHole && c == '{')
            {
                depth++;
                i++;
            }
            else if (inHole && c == '}')
            {
                i++;
                if (depth-- == 0)
                {
                    return;
                }
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>A literal starts here: its $ count, whether it is verbatim, and where its first quote is.</summary>
    private static (int Dollars, bool Verbatim, int Quote)? StringStart(string s, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_'))
        {
            return null;
        }

        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < s.Length && (s[j] == '$' || (s[j] == '@' && !verbatim)))
        {
            dollars += s[j] == '$' ? 1 : 0;
            verbatim |= s[j] == '@';
            j++;
        }

        return At(s, j) == '"' ? (dollars, verbatim, j) : null;
    }

    private static string Literal(string s, ref int i, int dollars, bool verbatim, List<string> literals)
    {
        var quotes = 0;
        while (At(s, i + quotes) == '"')
        {
            quotes++;
        }

        if (quotes == 2)
        {
            i += 2;
            return "";
        }

        var raw = quotes >= 3;
        var closing = raw ? quotes : 1;
        i += closing;
        var text = new StringBuilder();
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"' && Run(s, i, '"') >= closing)
            {
                if (!raw && verbatim && At(s, i + 1) == '"')
                {
                    text.Append('"');
                    i += 2;
                    continue;
                }

                i += closing;
                return text.ToString();
            }

            if (c == '\\' && !raw && !verbatim)
            {
                text.Append(s, i, Math.Min(2, s.Length - i));
                i += 2;
                continue;
            }

            if (c == '{' && dollars > 0)
            {
                var braces = Run(s, i, '{');
                var opens = raw ? dollars : 1;
                if (!raw && braces >= 2)
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }

                if (braces >= opens)
                {
                    // In a raw string with n dollars, n braces open a hole; the ones before them are text.
                    text.Append('{', braces - opens).Append(" {} ");
                    i += braces;
                    Code(s, ref i, literals, inHole: true);
                    i += opens - 1;
                    continue;
                }
            }

            text.Append(c);
            i++;
        }

        return text.ToString();
    }

    private static int Run(string s, int i, char c)
    {
        var n = 0;
        while (At(s, i + n) == c)
        {
            n++;
        }

        return n;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
