package io.dtf.console.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginPageTest {
    @Test
    void everyValueIsEscapedAndThePageHasNoInlineScriptOrStyle() {
        String page = LoginPage.form("/runs?q=\"><script>x</script>", "c'sr<f", "bad <b>token</b> & \"more\"");
        assertTrue(page.contains("value=\"/runs?q=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), page);
        assertTrue(page.contains("value=\"c&#39;sr&lt;f\""), page);
        assertTrue(page.contains("bad &lt;b&gt;token&lt;/b&gt; &amp; &quot;more&quot;"), page);
        assertFalse(page.contains("<script>x"));
        assertFalse(page.contains("style="), "the console's CSP allows no inline style");
        assertFalse(page.replace("<script src=\"/static/login.js\"></script>", "").contains("<script"),
                "the console's CSP allows no inline script");
    }
}
