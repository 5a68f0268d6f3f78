"""make check counts external links per host; VERBOSE=1 lists every one."""

from tools.sitecheck.suite import check_links


def write_site(folder, links: int):
    anchors = "".join(f'<a href="https://host{n % 3}.example/seite-{n}">x</a>' for n in range(links))
    (folder / "index.html").write_text(f"<!DOCTYPE html><html lang=de><title>t</title><main>{anchors}</main></html>")


def test_external_links_are_a_count_per_host_by_default(tmp_path):
    write_site(tmp_path, 159)
    outcome = check_links(tmp_path, None)
    assert not outcome.failed and len(outcome.notes) == 2
    assert "159 external link(s) on 3 host(s)" in outcome.notes[0] and "VERBOSE=1" in outcome.notes[0]
    assert outcome.notes[1] == "external: host0.example (53), host1.example (53), host2.example (53)"


def test_verbose_lists_every_external_link(tmp_path):
    write_site(tmp_path, 159)
    notes = check_links(tmp_path, None, verbose=True).notes
    assert len(notes) == 1 + 159 and any(line.startswith("https://host2.example/seite-158") for line in notes)
