package io.dtf.console.auth;

/**
 * The login page's HTML: a form that takes a token and posts it to {@code /login}. Written on the server, so that
 * it works without scripts and can say why a token was refused; every value in it is escaped. It has no inline
 * script or style (the console's Content-Security-Policy allows none).
 */
final class LoginPage {
    private LoginPage() {
    }

    /**
     * @param next    where to go once logged in (already a {@link LocalPaths#safe safe} local path)
     * @param csrf    the browser's CSRF value, sent back with the form
     * @param problem why the last attempt failed, or null
     */
    static String form(String next, String csrf, String problem) {
        return head() + """
                <main id="main" class="login">
                  <h1>Log in to DTF</h1>
                  <p class="muted">Paste a token made by <code>dtf token create</code>: a <b>viewer</b> reads,
                  a <b>submitter</b> also submits and cancels its own runs, an <b>admin</b> does everything.</p>
                """ + (problem == null ? ""
                        : "  <p id=\"login-error\" class=\"error\" role=\"alert\">" + escape(problem) + "</p>\n")
                + """
                  <form method="post" action="/login" id="login-form">
                    <input type="hidden" name="next" value="%s">
                    <input type="hidden" name="csrf" value="%s">
                    <label for="token">Token</label>
                    <textarea id="token" name="token" rows="5" required autofocus autocomplete="off" spellcheck="false"
                      maxlength="%d" class="code" placeholder="eyJ..."%s></textarea>
                    <button type="submit" class="primary" id="login-submit">Log in</button>
                  </form>
                  <p class="muted">The token stays in this browser in a cookie that scripts cannot read, until it
                  expires or you log out. Prefer a viewer token for reading.</p>
                </main>
                </body>
                </html>
                """.formatted(escape(next), escape(csrf), io.dtf.security.token.TokenVerifier.MAX_LENGTH,
                problem == null ? "" : " aria-describedby=\"login-error\"");
    }

    /** What the login page says while security is off: nothing to log in to. */
    static String securityOff() {
        return head() + """
                <main id="main" class="login">
                  <h1>No login needed</h1>
                  <p id="login-off">Security is off on this grid: the console listens on this machine's loopback
                  interface only, and everyone who reaches it may do everything. <a href="/">Open the console</a>.</p>
                </main>
                </body>
                </html>
                """;
    }

    private static String head() {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>DTF · Log in</title>
                  <link rel="stylesheet" href="/static/app.css">
                  <link rel="stylesheet" href="/static/login.css">
                  <script src="/static/login.js"></script>
                </head>
                <body data-page="login">
                """;
    }

    /** Text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
