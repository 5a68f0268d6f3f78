"""One build per folder: make html and make publish each replace output/ whole, a preview build is
marked, and make deploy never uploads a preview."""

from __future__ import annotations

import subprocess

import pytest

from helpers.frontmatter import article
from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, SAMPLE_PUBLISHCONF, run_tool, write_files
from tools.outputdir import PREVIEW_MARKER

DRAFT = article("Noch nicht fertig", "2026-11-19 10:00", id="0002", status="draft", body="Entwurf.")
SITE = {**MINIMAL_SITE, "articles/entwurf.md": DRAFT}


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def make_html(content, output, *options):
    """What `make html` (and `make serve` before serving) runs."""
    return run_tool("tools.build", "--settings", str(SAMPLE_PELICANCONF), "--content", str(content),
                    "--output", str(output), *options)


def make_publish(content, output, *options):
    return run_tool("tools.publish", "--settings", str(SAMPLE_PUBLISHCONF), "--content", str(content),
                    "--output", str(output), *options)


@pytest.fixture
def content(tmp_path):
    write_files(tmp_path / "content", SITE)
    return tmp_path / "content"


def test_make_publish_then_make_html_leaves_only_the_preview_build(tmp_path, content):
    output = tmp_path / "output"
    published = make_publish(content, output)
    assert published.returncode == 0, published.stderr
    assert {"feeds/atom.xml", "newsletter/2026-W47.eml", "newsletter/index.json"} <= set(files_under(output))
    assert not (output / PREVIEW_MARKER).exists() and not (output / "entwuerfe").exists()

    previewed = make_html(content, output)
    assert previewed.returncode == 0, previewed.stderr
    assert not (output / "feeds").exists() and not (output / "newsletter").exists()
    assert (output / "entwuerfe/entwurf/index.html").is_file()
    assert "make publish" in (output / PREVIEW_MARKER).read_text(encoding="utf-8")
    # exactly what a preview build into an empty folder writes, nothing of the publish build left
    cold = tmp_path / "cold"
    assert make_html(content, cold).returncode == 0
    assert files_under(output) == files_under(cold)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cold", "content", "output"]  # no .output.new-*/.old-*

    again = make_publish(content, output)
    assert again.returncode == 0, again.stderr
    assert not (output / PREVIEW_MARKER).exists() and not (output / "entwuerfe").exists()


def test_make_html_with_content_problems_still_replaces_the_preview(tmp_path, content):
    output = tmp_path / "output"
    output.mkdir()
    (output / "alt.html").write_text("from an older build")
    write_files(content, {"articles/kaputt.md": article("Kaputt", "2026-11-19 10:00", id="0003",
                                                          author="jana-beispeil")})
    done = make_html(content, output)
    assert done.returncode == 0 and "unknown author 'jana-beispeil'" in done.stderr  # a preview, not strict
    assert (output / "2026/erster-beitrag/index.html").is_file() and (output / PREVIEW_MARKER).is_file()
    assert not (output / "alt.html").exists()


def test_a_crashed_make_html_leaves_the_previous_output_as_it_was(tmp_path, content, monkeypatch, capsys):
    import tools.build
    from tools.build import BuildResult

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good preview")
    monkeypatch.setattr(tools.build, "build", lambda settings, search_index=False: BuildResult(crashed=True))
    code = tools.build.build_into(SAMPLE_PELICANCONF, output, {"PATH": str(content)}, strict=False)
    assert code == 2 and "build failed: " in capsys.readouterr().err
    assert files_under(output) == ["index.html"] and (output / "index.html").read_text() == "the last good preview"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_pelican_builds_in_a_child_process_and_the_waiting_process_never_loads_it(tmp_path, content, monkeypatch,
                                                                                  capsys):
    """make publish runs Pagefind once the build's process has ended, from a process without Pelican:
    the command's peak memory is the larger of the two, not their sum (bench/whole_command.py)."""
    import os
    import sys

    import tools.build
    from tools.build import BuildResult

    monkeypatch.setattr(tools.build, "build", lambda settings: BuildResult(other_warnings=[f"pid {os.getpid()}"]))
    assert tools.build.build_into(SAMPLE_PELICANCONF, tmp_path / "output", {"PATH": str(content)},
                                  strict=False) == 0
    assert "warning: pid " in (err := capsys.readouterr().err) and f"pid {os.getpid()}\n" not in err
    done = subprocess.run([sys.executable, "-c", "import sys, tools.publish, readers.search_index; "
                           "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pelican'))"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_waiting_process_stays_small_before_the_build_starts():
    """Neither Babel's catalogs nor multiprocessing are loaded by the process that forks the build:
    what it holds then counts twice while the build runs (bench/whole_command.py, peak memory)."""
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, tools.publish; print(sorted({name.split('.')[0] "
                           "for name in sys.modules} & {'babel', 'shared', 'multiprocessing', 'concurrent', 'jinja2'}))"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_exception_in_the_build_process_is_raised_in_the_waiting_one(tmp_path, content, monkeypatch):
    import tools.build

    def failing(settings, search_index=False):
        raise ValueError("kaputt im Kindprozess")

    output = tmp_path / "output"
    monkeypatch.setattr(tools.build, "build", failing)
    with pytest.raises(ValueError, match="kaputt im Kindprozess"):
        tools.build.build_into(SAMPLE_PELICANCONF, output, {"PATH": str(content)}, strict=False)
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_build_process_that_dies_is_reported_and_leaves_the_output(tmp_path, content, monkeypatch):
    import os
    import signal

    import tools.build

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good preview")
    monkeypatch.setattr(tools.build, "build", lambda settings, search_index=False: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(RuntimeError, match="ended without an answer"):
        tools.build.build_into(SAMPLE_PELICANCONF, output, {"PATH": str(content)}, strict=False)
    assert files_under(output) == ["index.html"] and (output / "index.html").read_text() == "the last good preview"


def test_make_publish_refuses_settings_that_write_drafts(tmp_path, content):
    output = tmp_path / "output"
    done = make_publish(content, output, "--settings", str(SAMPLE_PELICANCONF))  # the last --settings counts
    assert done.returncode == 1
    assert "pelicanconf.py writes drafts (WRITE_DRAFTS = True)" in done.stderr and "publishconf.py" in done.stderr
    assert not output.exists()


def test_make_deploy_refuses_a_preview_folder_and_names_make_publish(tmp_path, content, monkeypatch, capsys):
    """The worst case: a preview lands in output/ between the publish and the upload (make devserver or
    make html running next to make deploy). The upload step sees the marker and uploads nothing."""
    import tools.deploy

    live = tmp_path / "live"
    live.mkdir()
    (live / "index.html").write_text("the live site")

    def publish_then_preview(settings_file, output, content_dir=None):
        assert make_publish(content, output).returncode == 0
        return make_html(content, output).returncode

    monkeypatch.setattr(tools.deploy, "publish", publish_then_preview)
    code = tools.deploy.main(["--settings", str(SAMPLE_PUBLISHCONF), "--content", str(content),
                              "--output", str(tmp_path / "output"), "--target", str(live)])
    said = " ".join(capsys.readouterr().err.split())
    assert code == 1
    assert f"is a preview build ({PREVIEW_MARKER} is in it" in said and "Nothing was uploaded" in said
    assert "make publish" in said and "make devserver" in said
    assert files_under(live) == ["index.html"] and (live / "index.html").read_text() == "the live site"


def test_the_upload_step_refuses_a_preview_even_for_a_dry_run(tmp_path, content, capsys):
    from tools.deploy import upload

    output, live = tmp_path / "output", tmp_path / "live"
    assert make_html(content, output).returncode == 0
    assert upload(output, str(live), newsletter_dir="newsletter/", dry_run=True) == 1
    assert "is a preview build" in capsys.readouterr().err and not live.exists()


def test_make_devserver_marks_its_folder_and_marks_it_again_after_a_publish_swapped_it(preview, tmp_path):
    marker = tmp_path / "output" / PREVIEW_MARKER
    assert marker.is_file()
    marker.unlink()  # as after `make publish` swapped an unmarked folder in under the running preview
    preview.save("articles/erster-beitrag.md", (tmp_path / "content/articles/erster-beitrag.md").read_text() + "\nMehr.\n")
    preview.wait_until_settled()
    assert marker.is_file()


@pytest.mark.parametrize("target, runs", [("html", "-m tools.build --settings pelicanconf.py --output"),
                                          ("serve", "-m tools.build --settings pelicanconf.py --output"),
                                          ("devserver", "-m tools.preview --settings pelicanconf.py --output"),
                                          ("publish", "-m tools.publish --settings publishconf.py --output")])
def test_every_make_target_that_builds_goes_through_a_tool_that_replaces_the_folder(target, runs):
    done = subprocess.run(["make", "-n", "-o", ".venv/.installed", target], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert runs in done.stdout and "--strict" not in done.stdout
