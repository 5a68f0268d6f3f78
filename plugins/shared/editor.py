"""Where the web editor lives and the one outside origin its page may talk to: the git host it logs
in to. plugins/editor writes the editor there; plugins/privacy lets that origin through in the
editor's folder only (docs/editor.md, docs/privacy.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# /admin/: fixed, like newsletter/. It is where Decap's documentation, every bookmark and the GitLab
# OAuth application's redirect URL point.
EDITOR_FOLDER = "admin"
GITLAB_URL = "https://gitlab.com"
GITHUB_API = "https://api.github.com"


@dataclass(frozen=True)
class GitHost:
    """The git host of EDITOR_BACKEND, with the defaults filled in."""

    backend: str  # "gitlab" or "github"
    base_url: str  # GitLab: where people log in; GitHub: the OAuth helper ("" when none is set)
    api_root: str  # where the editor reads and writes the repository

    @property
    def origins(self) -> tuple[str, ...]:
        """Origins the editor page fetches from: the API and, on GitLab, the token exchange of the
        PKCE login (a GitHub helper is only opened in a login window, never fetched)."""
        found = [origin_of(self.api_root)]
        if self.backend == "gitlab":
            found.append(origin_of(self.base_url))
        return tuple(dict.fromkeys(origin for origin in found if origin))


def git_host(values) -> GitHost:
    """`values`: the validated settings (SiteConfig or a mapping with the EDITOR_* keys)."""
    backend = values["EDITOR_BACKEND"]
    base_url = values["EDITOR_BASE_URL"].rstrip("/")
    api_root = values["EDITOR_API_ROOT"].rstrip("/")
    if backend == "gitlab":
        base_url = base_url or GITLAB_URL
        return GitHost(backend, base_url, api_root or f"{base_url}/api/v4")
    return GitHost(backend, base_url, api_root or GITHUB_API)


def editor_origins(values) -> tuple[str, ...]:
    """The outside origins the editor's page may use; none when the editor is not built."""
    return git_host(values).origins if values["EDITOR_ENABLED"] else ()


def origin_of(url: str) -> str:
    """'https://gitlab.example.org/api/v4' -> 'https://gitlab.example.org' ('' for no address)."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.hostname:
        return ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname.lower()}{port}"
