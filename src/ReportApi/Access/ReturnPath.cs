using System.Text;

namespace Analytics.ReportApi.Access;

/// <summary>
/// Where the sign-in sends a browser afterwards: only a plain path of this site, else '/'. Browsers drop tabs and
/// line breaks inside a URL and read '\' as '/', so '/&lt;TAB&gt;/evil.com' or '/\evil.com' would leave the site as
/// '//evil.com' does; a percent-encoded form of any of these is refused too, in case something decodes it later.
/// </summary>
internal static class ReturnPath
{
    /// <summary>More than anyone links to, and a bound on the decoding below.</summary>
    private const int MaxLength = 2048;

    public static string Clean(string? returnTo)
    {
        if (returnTo is not { Length: > 0 and <= MaxLength } || !IsPlain(returnTo))
        {
            return "/";
        }

        // Decode until nothing changes (a few rounds: '%252F' is '%2F' is '/'), checking each form.
        var decoded = returnTo;
        for (var round = 0; round < 4; round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                break;
            }

            if (!IsPlain(next))
            {
                return "/";
            }

            decoded = next;
        }

        return Escaped(returnTo);
    }

    /// <summary>One leading '/', no second '/' or '\' after it, no '\' or control character anywhere.</summary>
    private static bool IsPlain(string path) =>
        path[0] == '/'
        && !(path.Length > 1 && path[1] is '/' or '\\')
        && !path.Any(c => c == '\\' || char.IsControl(c));

    /// <summary>A Location header carries ASCII only: anything else, and spaces, percent-encoded as UTF-8.</summary>
    private static string Escaped(string path)
    {
        var text = new StringBuilder(path.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7F)
            {
                text.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..count])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
