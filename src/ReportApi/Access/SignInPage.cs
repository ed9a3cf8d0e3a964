using System.Net;

namespace Analytics.ReportApi.Access;

/// <summary>The dashboard's sign-in form: a person pastes their key once; after that an HttpOnly cookie carries a session token for it.</summary>
internal static class SignInPage
{
    /// <summary>The page's one style sheet, inline; the pages' content policy allows it by its hash.</summary>
    public const string Style = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:28rem;margin:4rem auto}input{width:100%;padding:.4rem;margin:.4rem 0}p.error{color:#b00}""";

    /// <param name="returnTo">where to go after signing in; anything but a plain local path becomes '/' (<see cref="ReturnPath"/>).</param>
    public static string Html(string? returnTo, string? message) => $$"""
        <!doctype html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>Analytics: sign in</title>
        <style>{{Style}}</style>
        </head>
        <body>
        <h1>Sign in / 登录</h1>
        {{(message is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode(message)}</p>")}}
        <form method="post" action="/signin">
          <label for="key">API key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
          <input type="hidden" name="returnTo" value="{{WebUtility.HtmlEncode(ReturnPath.Clean(returnTo))}}">
          <input type="submit" value="Sign in">
        </form>
        <p>Ask an administrator for a key (<code>analytics keys create --role manager</code>).</p>
        </body>
        </html>
        """;
}
