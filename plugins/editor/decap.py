"""Decap CMS's configuration (admin/config.yml) and the data the page's script needs, from the
site's settings and this build's collections (plain values in, plain values out)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml
from unidecode import unidecode

from shared.editor import GitHost
from shared.messages import t

from .collections import FILE_NAME_FIELD, FILE_RULES

# tools/new_post.file_slug: German letters first, then Pelican's slugify (which uses unidecode).
GERMAN_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
# Every character below U+3000 that unidecode spells in ASCII: the script names files exactly like
# make new-post for Latin, Greek, Cyrillic and most other alphabets (not for CJK ideographs).
TRANSLITERATED = range(0x80, 0x3000)


@dataclass(frozen=True)
class EditorSettings:
    """The EDITOR_* settings and the site's, as the configuration needs them."""

    host: GitHost
    repo: str
    branch: str
    app_id: str
    local_backend: str  # decap-server's address ('' outside `make editor`)
    lang: str
    site_url: str  # absolute SITEURL or ''


def missing_settings(values) -> list:
    """(setting, what is wrong, how to fix it) for an editor that could not log anyone in. With the
    local backend (`make editor`) nothing else is needed: decap-server writes into the checkout."""
    if not values["EDITOR_ENABLED"] or values["EDITOR_LOCAL_BACKEND"]:
        return []
    found = []
    if not values["EDITOR_REPO"]:
        found.append(("EDITOR_REPO", t("EDITOR_ENABLED is True but EDITOR_REPO is empty"),
                      t("set {setting}, the repository the editor commits to (README 'Web editor'), or {off}",
                        setting="EDITOR_REPO = 'group/project'", off="EDITOR_ENABLED = False")))
    if values["EDITOR_BACKEND"] == "gitlab" and not values["EDITOR_APP_ID"]:
        found.append(("EDITOR_APP_ID", t("EDITOR_ENABLED is True but EDITOR_APP_ID is empty: nobody could log in"),
                      t("create an OAuth application in GitLab (README 'Web editor': not confidential, scope api, "
                        "redirect URL https://<your blog>/admin/) and set EDITOR_APP_ID to its Application ID")))
    if values["EDITOR_BACKEND"] == "github" and not values["EDITOR_BASE_URL"]:
        found.append(("EDITOR_BASE_URL", t("{setting} needs the address of an OAuth helper",
                                           setting="EDITOR_BACKEND = 'github'"),
                      t("GitHub's login needs a small server that holds the OAuth secret (docs/editor.md); set "
                        "EDITOR_BASE_URL to its https address")))
    return found


def decap_config(settings: EditorSettings, collections: list) -> dict:
    backend = {"name": settings.host.backend, "repo": settings.repo or "owner/repository",
               "branch": settings.branch}
    if settings.host.backend == "gitlab":
        backend.update(auth_type="pkce", app_id=settings.app_id, base_url=settings.host.base_url,
                       api_root=settings.host.api_root)
    else:
        backend.update(api_root=settings.host.api_root)
        if settings.host.base_url:
            backend["base_url"] = settings.host.base_url
    config = {"backend": backend, "publish_mode": "editorial_workflow", "locale": settings.lang}
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend}
    if settings.site_url:
        config.update(site_url=settings.site_url, display_url=settings.site_url)
    config.update({
        "media_folder": "content/images", "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    })
    return config


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the same list of people twice is written twice, not as &id001
        return True


def config_yaml(config: dict) -> str:
    header = "# Written by plugins/editor from the site's settings and content; edit those, not this file.\n"
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def page_model(words) -> dict:
    """What werkbank-editor.js reads from the page: the file rules, the transliteration of file
    names and its messages in the site's language."""
    return {
        "rules": FILE_RULES,
        "file_name_field": FILE_NAME_FIELD,
        "german": GERMAN_LETTERS,
        "ascii": transliteration(),
        "messages": {**{key: words(f"editor_error_{key}") for key in ("no_letters", "no_week", "thanks_entry")},
                     "name_taken": words("editor_error_name_taken", name="{name}")},  # the script fills it in
    }


@lru_cache(maxsize=1)
def transliteration() -> dict:
    """Character -> unidecode's ASCII, for characters NFKC leaves alone (the script normalises first)."""
    table = {}
    for code in TRANSLITERATED:
        char = chr(code)
        if unicodedata.category(char) == "Cs" or unicodedata.normalize("NFKC", char) != char:
            continue
        ascii_text = unidecode(char)
        if ascii_text:
            table[char] = ascii_text
    return table
