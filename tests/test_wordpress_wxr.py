"""make import-wordpress reads every WXR version under either namespace address, and refuses a file
that is not an importable export (hostile, cut off, empty, another kind of feed) with one line
naming the file, exit status 1 and no traceback, within seconds."""

from __future__ import annotations

import re

import pytest

from helpers.wxr import author, import_command, import_wordpress, page, post, site_folder, tree_digest, wxr

AUTHORS = [author("jana", "Jana Alt")]
WP = "http://wordpress.org/export/1.2/"

BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="{WP}"><channel><title>&lol9;</title>
<item><title>&lol9;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""
EXTERNAL_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="{WP}"><channel><title>&xxe;</title>
<item><title>&xxe;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""
EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">
<rss version="2.0" xmlns:wp="{WP}"><channel><title>Titel</title></channel></rss>
"""
NOT_WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Ein Blog</title><link>https://blog.altfirma.example</link>
<item><title>Ein Beitrag</title><link>https://blog.altfirma.example/2019/03/29/ein-beitrag/</link></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ein Blog</title></feed>
"""
WRONG_NAMESPACE = wxr([post(1, "Beitrag")], authors=AUTHORS).replace("wordpress.org/export/1.2/", "wordpress.org/export/9.9/")


def truncated() -> str:
    text = wxr([post(1, "Erster", post_name="erster", content="<p>Ein langer Text.</p>" * 50),
                post(2, "Zweiter", post_name="zweiter")], authors=AUTHORS)
    return text[: len(text) * 2 // 3]


HOSTILE = {
    "billion-laughs": BILLION_LAUGHS,
    "external-entity": EXTERNAL_ENTITY,
    "external-dtd": EXTERNAL_DTD,
    "truncated": truncated(),
    "rss-not-wxr": NOT_WXR,
    "atom-feed": ATOM,
    "unknown-wxr-namespace": WRONG_NAMESPACE,
    "empty": "",
    "binary": bytes(range(256)) * 8,
    "png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "utf16-garbage": "\ufeff<rss>".encode("utf-16-le") + b"\xff\xfe\x00",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_file_that_is_no_importable_export_stops_with_one_line_naming_it(tmp_path, name):
    content, settings = site_folder(tmp_path)
    source = tmp_path / f"{name}.xml"
    data = HOSTILE[name]
    source.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    before = tree_digest(content, settings)
    done = import_command("--wxr", str(source), "--content", str(content), "--settings", str(settings),
                          timeout=20)  # a hung parser fails here, with TimeoutExpired
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert re.match(rf"^error: {re.escape(str(source))}:\d+: \S", lines[0]), lines[0]
    assert tree_digest(content, settings) == before
    assert "root:" not in done.stdout + done.stderr  # nothing of /etc/passwd


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_wxr_version_is_read_under_either_namespace_address(tmp_path, version, scheme):
    export = wxr([post(1, "Ein Beitrag", post_name="ein-beitrag", content="<p>Text.</p>", excerpt="Kurz.",
                       categories=["Arbeit"]),
                  page(2, "Eine Seite", post_name="eine-seite")], authors=AUTHORS, version=version, scheme=scheme)
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    front = done.front("articles/2019/ein-beitrag.md")
    assert (front["title"], front["author"], front["category"], front["summary"]) == (
        "Ein Beitrag", "jana", "Arbeit", "Kurz.")
    assert done.body("articles/2019/ein-beitrag.md").strip() == "Text."
    assert done.front("pages/eine-seite.md")["title"] == "Eine Seite"


def test_the_command_prints_the_report_and_exits_zero(tmp_path):
    content, settings = site_folder(tmp_path)
    source = tmp_path / "export.xml"
    source.write_text(wxr([post(1, "Ein Beitrag", post_name="ein-beitrag")], authors=AUTHORS), encoding="utf-8")
    done = import_command("--wxr", str(source), "--content", str(content), "--settings", str(settings))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"WordPress import of {source}")
    assert "Next: make check" in done.stdout
    assert (content / "articles/2019/ein-beitrag.md").is_file()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
@pytest.mark.parametrize("name, line", [("billion-laughs", 2), ("external-entity", 2), ("external-dtd", 2)])
def test_a_doctype_is_named_on_its_own_line(tmp_path, name, line, encoding):
    source = tmp_path / "export.xml"
    text = HOSTILE[name] if encoding.startswith("utf-8") else HOSTILE[name].replace('<?xml version="1.0"?>', "")
    if encoding.startswith("utf-8"):
        text = text.replace('<?xml version="1.0"?>\n', '<?xml version="1.0"?>\r\n<!-- WordPress -->\n', 1)
        line += 1  # line 1: <?xml …?>, line 2: the comment, line 3: <!DOCTYPE …
    source.write_bytes(text.encode(encoding))  # utf-16, utf-32: with a byte order mark
    content, settings = site_folder(tmp_path)
    done = import_command("--wxr", str(source), "--content", str(content), "--settings", str(settings), timeout=20)
    assert done.returncode == 1 and f"{source}:{line}: the file declares a DOCTYPE" in done.stderr, done.stderr


def test_a_doctype_in_a_post_s_text_is_text(tmp_path):
    export = wxr([post(1, "HTML-Grundlagen", post_name="html", content="<pre>&lt;!DOCTYPE html&gt;</pre>"),
                  post(2, "Roh", post_name="roh", content="<!DOCTYPE html> am Anfang")], authors=AUTHORS)
    done = import_wordpress(tmp_path, export)
    assert done.code == 0, done.stderr
    assert "<!DOCTYPE html>" in done.body("articles/2019/html.md")


def test_a_missing_export_file_is_named(tmp_path):
    content, settings = site_folder(tmp_path)
    done = import_command("--wxr", str(tmp_path / "fehlt.xml"), "--content", str(content), "--settings", str(settings))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {tmp_path / 'fehlt.xml'}")
