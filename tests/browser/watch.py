"""Records what must never happen in the app: console errors, uncaught exceptions, CSP violations
and JavaScript dialogs (an injected ``alert`` would open one).

CSP violations are caught by a ``securitypolicyviolation`` listener that an init script adds to
every document the page loads; it records them in ``window.__mlCspSeen`` and reports them through
a Playwright binding (so none is lost across navigations). Chromium also logs each to the console.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_CSP_LISTENER = """
window.__mlCspSeen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const violation = {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
                     line: e.lineNumber, sample: e.sample};
  window.__mlCspSeen.push(violation);
  window.__mlCspViolation(violation);
});
"""


@dataclass
class PageWatch:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    # Responses the app expects to fail (e.g. the "am I logged in" check answering 401 when logged
    # out): Chromium logs each failed fetch as a console error, which is not a fault of the app.
    expected_failures: tuple[tuple[str, int], ...] = (("/api/auth/me", 401),)

    def attach(self, page) -> None:
        page.expose_binding("__mlCspViolation", lambda _source, v: self.csp_violations.append(v))
        page.add_init_script(_CSP_LISTENER)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        text = message.text
        for path, status in self.expected_failures:
            if url.split("?")[0].endswith(path) and f"status of {status}" in text:
                return
        self.console_errors.append(f"{text} ({url})")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        if dialog.type == "confirm":
            dialog.accept()  # the app's own "Revoke …?" confirmations
        else:
            dialog.dismiss()

    def prove_csp_detection(self, page, timeout_ms: int = 10_000) -> None:
        """Inject an inline script: the server's CSP must block it and this watch must see it.
        Guards the "no CSP violations" assertion against a listener that silently never fires.
        The deliberate violation is then forgotten."""
        before = len(self.csp_violations)
        seen = page.evaluate("window.__mlCspSeen.length")
        ran = page.evaluate("""() => {
            window.__mlInlineRan = false;
            const s = document.createElement("script");
            s.textContent = "window.__mlInlineRan = true";
            document.body.appendChild(s);
            s.remove();
            return window.__mlInlineRan;
        }""")
        assert ran is False, "an injected inline script ran: the page is not under a strict CSP"
        page.wait_for_function("(seen) => window.__mlCspSeen.length > seen", arg=seen, timeout=timeout_ms)
        assert len(self.csp_violations) > before, "the CSP violation listener saw nothing"
        del self.csp_violations[before:]
        self.console_errors[:] = [e for e in self.console_errors if "Content Security Policy" not in e]

    def assert_clean(self) -> None:
        assert not self.csp_violations, f"CSP violations: {self.csp_violations}"
        assert not self.page_errors, f"uncaught errors in the page: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        unexpected = [d for d in self.dialogs if not d.startswith("confirm:")]
        assert not unexpected, f"unexpected dialogs (injected script?): {unexpected}"
