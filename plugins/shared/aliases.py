"""Old addresses of a post (front matter `aliases:`): which file of the output answers each one.

One rule for the front-matter check, the aliases plugin and the WordPress importer. A static host
answers a request by decoding the path and serving a file: '/2019/alt/' is 2019/alt/index.html,
'/alt.html' is alt.html, '/2019/alt' (no slash) is the folder 2019/alt/ (the server adds the
slash). A query ('/?p=12') or a fragment never picks a file, so those are refused with the way out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from shared.messages import t

PAGE_SUFFIXES = (".html", ".htm")
SERVER_RULES = "docs/deploy.md, 'Old WordPress addresses'"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class AliasPath:
    typed: str  # as written in the front matter
    path: str  # decoded: '/2019/für-alle/' for '/2019/f%C3%BCr-alle/'
    save_as: str  # the output file that answers it: '2019/für-alle/index.html'


@dataclass(frozen=True)
class AliasProblem:
    message: str
    hint: str


def read_alias(typed: str) -> AliasPath | AliasProblem:
    """The output file for one alias, or what is wrong with it and how to fix it."""
    text = typed.strip()
    found = _form_problem(text)
    if found:
        return found
    try:
        path = unquote(text, errors="strict")
    except UnicodeDecodeError:
        return AliasProblem(t("alias '{alias}' does not decode to UTF-8 text", alias=text),
                            t("percent-encode the UTF-8 bytes of each letter, e.g. ü as %C3%BC, or type the letter "
                              "itself"))
    found = _path_problem(text, path)
    if found:
        return found
    folder, _slash, last = path.rpartition("/")
    if last == "":
        return AliasPath(text, path, path[1:] + "index.html")
    if last.lower().endswith(PAGE_SUFFIXES):
        return AliasPath(text, path, path[1:])
    if "." not in last:
        return AliasPath(text, path, path[1:] + "/index.html")
    return AliasProblem(
        t("alias '{alias}' names a file that is not a web page ('{name}')", alias=text, name=last),
        t("a static host serves a redirect page only for a folder ('/alt/') or a .html/.htm file; end a folder "
          "address with '/', or redirect this file with a web-server rule ({rules})", rules=SERVER_RULES))


def _form_problem(text: str) -> AliasProblem | None:
    """Problems of the address as written: empty, absolute, relative, query, fragment, escapes."""
    if not text:
        return AliasProblem(t("an alias is empty"),
                            t("write an old address of this post, e.g. /2019/03/29/alter-name/"))
    if _SCHEME.match(text) or text.startswith("//"):
        parts = urlsplit(text if not text.startswith("//") else "https:" + text)
        suggestion = parts.path or "/"
        return AliasProblem(t("alias '{alias}' is a full address with a host", alias=text),
                            t("write the path on this site only, e.g. {path}; an address on another domain "
                              "needs a redirect on that domain's server", path=suggestion))
    if not text.startswith("/"):
        return AliasProblem(t("alias '{alias}' does not start with '/'", alias=text),
                            t("write the path from the site's root: {path}", path="/" + text))
    control = _CONTROL.search(text)
    if control:
        return AliasProblem(t("alias {alias} contains a control character (U+{code})",
                              alias=repr(text), code=f"{ord(control.group()):04X}"),
                            t("write the address on one line, without tabs"))
    if "\\" in text:
        return AliasProblem(t("alias '{alias}' contains a backslash", alias=text),
                            t("separate folders with '/': {path}", path=text.replace(chr(92), "/")))
    query, fragment = text.find("?"), text.find("#")
    if query >= 0 and not 0 <= fragment < query:
        return AliasProblem(
            t("alias '{alias}' has a query ('?{query}'), which no static file can answer",
              alias=text, query=text.split("?", 1)[1]),
            t("a static host looks only at the path: redirect addresses like /?p=12 with a web-server rule ({rules})",
              rules=SERVER_RULES))
    if fragment >= 0:
        path = text[:fragment]
        return AliasProblem(t("alias '{alias}' has a fragment ('#{fragment}')",
                              alias=text, fragment=text.split("#", 1)[1]),
                            t("browsers never send the part after '#' to the server: write the alias as {path} "
                              "(a web-server rule cannot see it either, {rules})", path=path, rules=SERVER_RULES))
    if _BAD_PERCENT.search(text):
        return AliasProblem(t("alias '{alias}' has a '%' that starts no percent-encoding", alias=text),
                            t("a '%' must be followed by two hex digits (%C3%BC is ü); write a % sign itself as %25"))
    return None


def _path_problem(text: str, path: str) -> AliasProblem | None:
    """Problems of the decoded path, the file name the server looks up ('%2E%2E' is '..' too)."""
    control = _CONTROL.search(path)
    if control:
        return AliasProblem(t("alias '{alias}' decodes to a control character (U+{code})",
                              alias=text, code=f"{ord(control.group()):04X}"),
                            t("remove the percent-encoded control character"))
    if "\\" in path:
        return AliasProblem(t("alias '{alias}' decodes to a backslash", alias=text), t("separate folders with '/'"))
    segments = path.split("/")[1:]
    if any(segment in (".", "..") for segment in segments):
        return AliasProblem(t("alias '{alias}' has a '.' or '..' folder", alias=text),
                            t("write the address without '.' and '..', as the browser shows it"))
    if "" in segments[:-1]:
        return AliasProblem(t("alias '{alias}' has an empty folder name ('//')", alias=text),
                            t("write one '/' between folders: {path}", path=re.sub("/+", "/", text)))
    return None
