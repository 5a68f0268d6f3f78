"""The Content-Security-Policy and Referrer-Policy of every page: one rule for the pages' <meta> tags
and for the response headers docs/deploy.md gives for nginx, Apache and Caddy (tools/server_headers.py).

Scripts only from the site itself, never inline ('unsafe-inline' is not in script-src; JSON-LD is
data, not a script). Pagefind compiles its WebAssembly index reader: 'wasm-unsafe-eval' allows that
and nothing else (no eval of JavaScript). Styles may be inline: the brand colours are one <style>
block and the newsletter's web copy has its CSS inlined for mail clients; CSS cannot run code.
"""

from __future__ import annotations

from urllib.parse import urlsplit

REFERRER_POLICY = "strict-origin-when-cross-origin"  # other sites learn the origin only, never the page


def origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(allowed_origins, form_url: str = "", *, header: bool = False) -> str:
    """The policy; `allowed_origins`: PRIVACY_ALLOWED_ORIGINS (the site's own other origins), `form_url`:
    NEWSLETTER_SUBSCRIBE_URL (a sign-up form may post there). `header`: the response-header form, which
    may also say who may frame the page (a <meta> policy cannot)."""
    own = " ".join(["'self'", *sorted(allowed_origins)])
    form = " ".join(["'self'", *([origin(form_url)] if origin(form_url) else [])])
    directives = [
        f"default-src {own}",
        f"img-src {own} data:",
        "script-src 'self' 'wasm-unsafe-eval'",
        f"style-src {own} 'unsafe-inline'",
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {form}",
    ]
    if header:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)
