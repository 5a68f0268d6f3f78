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


def server_snippets(pairs: list[tuple[str, str]]) -> str:
    nginx = "\n".join(f'add_header {name} "{value}" always;' for name, value in pairs)
    apache = "\n".join(f'Header always set {name} "{value}"' for name, value in pairs)
    caddy = "header {\n" + "\n".join(f'    {name} "{value}"' for name, value in pairs) + "\n}"
    return (f"# nginx (server block)\n{nginx}\n\n# Apache (VirtualHost or .htaccess, mod_headers)\n{apache}\n\n"
            f"# Caddy (site block)\n{caddy}\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    args = parser.parse_args(argv)
    config = read_config(load_settings(args.settings))[0]
    print(server_snippets(headers(config["PRIVACY_ALLOWED_ORIGINS"], config["NEWSLETTER_SUBSCRIBE_URL"])), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
