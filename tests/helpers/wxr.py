"""WordPress exports (WXR) for the importer tests, written as text, and running the import on them.

`wxr(items, authors=…)` writes a whole export; `post`, `page`, `attachment` and `item` write one
<item>, `author` one <wp:author>. Text values go into CDATA sections as WordPress writes them;
`Xml("…")` puts a value into the file as it is (raw XML text with its entities, or nothing but
what a hostile file carries). `import_wordpress` runs `python -m tools.wordpress` in this process
against a content folder and a copy of the sample's pelicanconf.py in a temporary folder; `import_command`
runs it as its own process, as the Makefile does.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import html as lxml_html

from helpers.site import DEFAULT_BUILD_TIME, ROOT, SiteBuild, copy_sample_settings, write_files
from shared.markdown import markdown_renderer
from tools.build import build, load_settings

SITE = "https://blog.altfirma.example"  # the old WordPress site
OLD_HOST = "blog.altfirma.example"
UPLOADS_URL = f"{SITE}/wp-content/uploads"
SETTINGS_NAME = "pelicanconf.py"


class Xml(str):
    """A value written into the export exactly as given (no CDATA section around it)."""


def _value(value) -> str:
    if isinstance(value, Xml):
        return str(value)
    text = str(value)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>" if text else ""


def _element(name: str, value) -> str:
    return f"<{name}>{_value(value)}</{name}>"


def author(login: str, display_name: str = "", *, email: str = "", first_name: str = "", last_name: str = "",
           author_id: int = 1) -> str:
    """One <wp:author> of the channel (e-mail addresses are in real exports, so they are here too)."""
    return ("<wp:author>"
            f"<wp:author_id>{author_id}</wp:author_id>"
            + _element("wp:author_login", login)
            + _element("wp:author_email", email)
            + _element("wp:author_display_name", display_name)
            + _element("wp:author_first_name", first_name)
            + _element("wp:author_last_name", last_name)
            + "</wp:author>")


def comment(text: str = "Danke für den Beitrag!", *, approved: str = "1", kind: str = "", comment_id: int = 1,
            author_name: str = "Karla Kommentar", author_email: str = "karla@kommentar.example",
            author_ip: str = "203.0.113.7", date: str = "2019-03-30 10:00:00") -> str:
    """One <wp:comment>; `approved` is "1", "0", "spam" or "trash", `kind` "", "pingback" or "trackback"."""
    return ("<wp:comment>"
            f"<wp:comment_id>{comment_id}</wp:comment_id>"
            + _element("wp:comment_author", author_name)
            + _element("wp:comment_author_email", author_email)
            + _element("wp:comment_author_url", "")
            + _element("wp:comment_author_IP", author_ip)
            + _element("wp:comment_date", date)
            + _element("wp:comment_date_gmt", date)
            + _element("wp:comment_content", text)
            + _element("wp:comment_approved", approved)
            + _element("wp:comment_type", kind)
            + "<wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>"
            + "</wp:comment>")


def item(post_id: int, title="Ein Beitrag", *, post_type: str = "post", status: str = "publish", content: str = "",
         excerpt: str = "", post_name: str | None = None, post_date: str = "2019-03-29 10:00:00",
         post_date_gmt: str | None = None, creator: str = "jana", link: str | None = None, guid: str | None = None,
         password: str = "", parent: int = 0, menu_order: int = 0, attachment_url: str | None = None,
         postmeta: dict | None = None, categories=(), tags=(), coauthors=(), terms=(), comments=(),
         site: str = SITE) -> str:
    """One <item> with every field WordPress writes.

    `post_date_gmt` equals `post_date` unless given. `categories` and `tags` are names or (nicename, name) pairs,
    `coauthors` logins recorded by Co-Authors Plus (`<category domain="author" nicename="cap-…">`),
    `terms` more (domain, nicename, name) triples, `postmeta` a dict of meta keys and values,
    `comments` texts made with `comment()`. The link is the old permalink
    (`/<y>/<m>/<d>/<post_name>/` for posts, `/<post_name>/` for pages, `?p=<id>` without a name).
    """
    name = post_name if post_name is not None else (f"beitrag-{post_id}" if status not in ("draft", "pending") else "")
    if link is None:
        if post_type == "attachment":
            link = f"{site}/?attachment_id={post_id}"
        elif not name:
            link = f"{site}/?p={post_id}"
        elif post_type == "page":
            link = f"{site}/{name}/"
        else:
            link = f"{site}/{post_date[:4]}/{post_date[5:7]}/{post_date[8:10]}/{name}/"
    guid = guid if guid is not None else (attachment_url or f"{site}/?p={post_id}")

    def term_list(domain, values):
        found = []
        for value in values:
            nicename, label = value if isinstance(value, tuple) else (value.lower().replace(" ", "-"), value)
            found.append((domain, nicename, label))
        return found

    all_terms = [*term_list("category", categories), *term_list("post_tag", tags),
                 *[("author", f"cap-{login}", login) for login in coauthors], *terms]
    lines = [
        "<item>",
        _element("title", title),
        f"<link>{link}</link>" if isinstance(link, Xml) else f"<link>{_escape(link)}</link>",
        "<pubDate>Fri, 29 Mar 2019 09:00:00 +0000</pubDate>",
        _element("dc:creator", creator),
        f'<guid isPermaLink="false">{_escape(guid)}</guid>',
        "<description></description>",
        _element("content:encoded", content),
        _element("excerpt:encoded", excerpt),
        f"<wp:post_id>{post_id}</wp:post_id>",
        _element("wp:post_date", post_date),
        _element("wp:post_date_gmt", post_date if post_date_gmt is None else post_date_gmt),
        _element("wp:comment_status", "open"),
        _element("wp:ping_status", "open"),
        _element("wp:post_name", name),
        _element("wp:status", status),
        f"<wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:menu_order>{menu_order}</wp:menu_order>",
        _element("wp:post_type", post_type),
        _element("wp:post_password", password),
        "<wp:is_sticky>0</wp:is_sticky>",
    ]
    if attachment_url is not None:
        lines.append(_element("wp:attachment_url", attachment_url))
    for domain, nicename, label in all_terms:
        lines.append(f'<category domain="{_escape(domain)}" nicename="{_escape(nicename)}">{_value(label)}</category>')
    for key, value in (postmeta or {}).items():
        lines.append("<wp:postmeta>" + _element("wp:meta_key", key) + _element("wp:meta_value", value) + "</wp:postmeta>")
    lines += list(comments)
    lines.append("</item>")
    return "\n".join(lines)


def post(post_id: int, title="Ein Beitrag", **fields) -> str:
    return item(post_id, title, post_type="post", **fields)


def page(post_id: int, title="Eine Seite", **fields) -> str:
    return item(post_id, title, post_type="page", **fields)


def attachment(post_id: int, upload: str, *, alt: str = "", parent: int = 0, title: str | None = None,
               site: str = SITE, **fields) -> str:
    """An uploaded file: `upload` is its path inside wp-content/uploads ('2019/03/bild.png')."""
    meta = {"_wp_attached_file": upload, **({"_wp_attachment_image_alt": alt} if alt else {})}
    meta.update(fields.pop("postmeta", {}) or {})
    stem = upload.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return item(post_id, title if title is not None else stem, post_type="attachment", status="inherit",
                post_name=stem, parent=parent, attachment_url=f"{site}/wp-content/uploads/{upload}",
                postmeta=meta, site=site, **fields)


def wxr(items=(), *, authors=(), version: str = "1.2", scheme: str = "http", site: str = SITE,
        blog: str | None = None, title: str = "Altes Firmenblog") -> str:
    """A whole export: the channel with its addresses, the authors and the items."""
    namespace = f"{scheme}://wordpress.org/export/{version}/"
    blog = blog or site
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->",
        '<rss version="2.0"',
        f'    xmlns:excerpt="{namespace}excerpt/"',
        '    xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        '    xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
        f'    xmlns:wp="{namespace}"',
        ">",
        "<channel>",
        _element("title", title),
        f"<link>{_escape(blog)}</link>",
        "<description>Ein Blog</description>",
        "<language>de-DE</language>",
        f"<wp:wxr_version>{version}</wp:wxr_version>",
        f"<wp:base_site_url>{_escape(site)}</wp:base_site_url>",
        f"<wp:base_blog_url>{_escape(blog)}</wp:base_blog_url>",
        *authors,
        "<generator>https://wordpress.org/?v=6.5.4</generator>",
        *items,
        "</channel>",
        "</rss>",
        "",
    ])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# --- running the import ---------------------------------------------------------------------------


@dataclass
class Imported:
    """What one import did: its exit status, report and errors, and where it wrote."""

    code: int
    stdout: str
    stderr: str
    content: Path
    settings: Path

    def text(self, relative: str) -> str:
        return (self.content / relative).read_text(encoding="utf-8")

    def front(self, relative: str) -> dict:
        return split_front_matter(self.text(relative))[0]

    def body(self, relative: str) -> str:
        return split_front_matter(self.text(relative))[1]

    def files(self, folder: str = "") -> list[str]:
        """Content-relative paths of every file below content/<folder>, sorted."""
        base = self.content / folder
        return sorted(p.relative_to(self.content).as_posix() for p in base.rglob("*") if p.is_file())

    def roundup_start(self):
        with _at_build_time():
            return load_settings(self.settings)["ROUNDUP_START"]


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter read by YAML, body) of a Markdown file: the lines between the first two `---`."""
    lines = text.split("\n")
    assert lines[0] == "---", text[:200]
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])) or {}, "\n".join(lines[end + 1:])


def site_folder(tmp: Path, files: dict | None = None) -> tuple[Path, Path]:
    """tmp/content (with `files` written into it) and tmp/pelicanconf.py, a copy of the sample's settings."""
    content = tmp / "content"
    content.mkdir(parents=True, exist_ok=True)
    write_files(content, files or {})
    settings = tmp / SETTINGS_NAME
    if not settings.exists():
        copy_sample_settings(tmp)
    return content, settings


def import_wordpress(tmp: Path, export: str | bytes | None, *, uploads: str | Path | None = None,
                     dry_run: bool = False, files: dict | None = None, wxr_name: str = "export.xml",
                     build_time: str = DEFAULT_BUILD_TIME) -> Imported:
    """Write `export` to tmp/<wxr_name> (None: use the file already there) and import it into
    tmp/content with tmp/pelicanconf.py, in this process, at `build_time`."""
    from tools.wordpress.__main__ import main

    content, settings = site_folder(tmp, files)
    source = tmp / wxr_name
    if export is not None:
        source.write_bytes(export.encode("utf-8") if isinstance(export, str) else export)
    argv = ["--wxr", str(source), "--content", str(content), "--settings", str(settings)]
    if uploads is not None:
        argv += ["--uploads", str(uploads)]
    if dry_run:
        argv.append("--dry-run")
    out, err = io.StringIO(), io.StringIO()
    with _at_build_time(build_time), redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    return Imported(code, out.getvalue(), err.getvalue(), content, settings)


def report_section(stdout: str, heading: str) -> list[str]:
    """The indented lines under the report's line that starts with `heading` ([] without one)."""
    lines = stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return []
    section = lines[start + 1:]
    return section[:next((i for i, line in enumerate(section) if not line.startswith("  ")), len(section))]


@contextmanager
def _at_build_time(build_time: str = DEFAULT_BUILD_TIME):
    """SOURCE_DATE_EPOCH set for one import or build; sys.path as before afterwards (a copied
    pelicanconf.py puts its own, missing, plugins folder in front)."""
    previous, path = os.environ.get("SOURCE_DATE_EPOCH"), sys.path[:]
    os.environ["SOURCE_DATE_EPOCH"] = build_time
    try:
        yield
    finally:
        sys.path[:] = path
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def import_command(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """`python -m tools.wordpress …` in its own process from the repository root, as the Makefile
    runs it; a run that takes longer than `timeout` seconds fails the test (TimeoutExpired)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME}
    return subprocess.run([sys.executable, "-m", "tools.wordpress", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def build_imported(tmp: Path, settings_file: Path | str | None = None, overrides: dict | None = None,
                   output: str = "output") -> SiteBuild:
    """Build tmp/content with the copied settings (ROUNDUP_START as the import set it) into tmp/<output>.

    The copy lives outside the repository, so the theme and plugin folders are given as the
    repository's, as they would be next to a site's own pelicanconf.py."""
    settings_file = settings_file or tmp / SETTINGS_NAME
    values = {"PATH": str(tmp / "content"), "OUTPUT_PATH": str(tmp / output), "CACHE_PATH": str(tmp / "cache"),
              "THEME": str(ROOT / "theme"), "PLUGIN_PATHS": [str(ROOT / "plugins")], **(overrides or {})}
    with _at_build_time():
        result = build(load_settings(settings_file, values))
    return SiteBuild(result, tmp / "content", tmp / output)


# --- reading what was written --------------------------------------------------------------------

_render = markdown_renderer({"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}}})


def rendered(markdown_text: str):
    """A body as the site renders it (Markdown "extra"), parsed: an lxml element around the HTML."""
    return lxml_html.fragment_fromstring(str(_render(markdown_text)) or "<p></p>", create_parent="div")


def tree_digest(*paths: Path) -> str:
    """One hash of every file below the given folders (and of the given files): names and bytes."""
    digest = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def files_below(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}

