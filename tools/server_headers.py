"""`make server-headers`: the site's security headers for nginx, Apache and Caddy, from the settings.

    python -m tools.server_headers [--settings publishconf.py]

The pages carry the same Content-Security-Policy and Referrer-Policy as <meta> tags (plugins/privacy/
policy.py); as response headers they also cover feeds, pictures and the search index, and add what a
<meta> tag cannot: HSTS, X-Content-Type-Options and who may frame the pages.
"""

from __future__ import annotations

import argparse
import sys

from privacy.policy import REFERRER_POLICY, content_security_policy
from shared.config import read_config
from tools.build import load_settings

HSTS = "max-age=31536000"  # a year; add includeSubDomains only when every subdomain speaks https


def headers(allowed_origins, form_url: str) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", content_security_policy(allowed_origins, form_url, header=True)),
        ("Referrer-Policy", REFERRER_POLICY),
        ("Strict-Transport-Security", HSTS),
        ("X-Content-Type-Options", "nosniff"),
    ]


def server_snippets(pairs: list[tuple[str, str]], editor: str = "/admin/") -> str:
    """The headers for every path but the web editor's, whose page brings its own policy (it needs the
    git host and eval); the other headers go there too."""
    policy = [(name, value) for name, value in pairs if name == "Content-Security-Policy"]
    rest = [(name, value) for name, value in pairs if name != "Content-Security-Policy"]
    nginx = ("\n".join(f'add_header {name} "{value}" always;' for name, value in rest)
             + f"\nlocation / {{\n" + "".join(f'    add_header {name} "{value}" always;\n' for name, value in pairs)
             + f"}}\nlocation {editor} {{\n" + "".join(f'    add_header {name} "{value}" always;\n' for name, value in rest)
             + "}")
    apache = ("\n".join(f'Header always set {name} "{value}"' for name, value in rest)
              + f'\n<LocationMatch "^/(?!{editor.strip("/")}/)">\n'
              + "".join(f'    Header always set {name} "{value}"\n' for name, value in policy) + "</LocationMatch>")
    caddy = ("header {\n" + "".join(f'    {name} "{value}"\n' for name, value in rest) + "}\n"
             + f"@site not path {editor}*\n"
             + "".join(f'header @site {name} "{value}"\n' for name, value in policy).rstrip("\n"))
    return (f"# nginx (server block; {editor} is the web editor, whose page has its own policy)\n{nginx}\n\n"
            f"# Apache (VirtualHost, mod_headers)\n{apache}\n\n# Caddy (site block)\n{caddy}\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    config = read_config(load_settings(args.settings))[0]
    print(server_snippets(headers(config["PRIVACY_ALLOWED_ORIGINS"], config["NEWSLETTER_SUBSCRIBE_URL"])), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
