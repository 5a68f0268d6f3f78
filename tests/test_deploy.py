"""make deploy: a real rsync to a local folder and to an rsync daemon on 127.0.0.1."""

import re
import socket
import subprocess
import time

import pytest

from helpers.network import free_port
from helpers.site import MINIMAL_SITE, SAMPLE_PUBLISHCONF, run_tool, write_files
from tools.deploy import rsync_command

BAD_AUTHOR = MINIMAL_SITE["articles/erster-beitrag.md"].replace("author: jana-beispiel", "author: jana-beispeil")


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def deploy(tmp_path, target, *options, files=MINIMAL_SITE, env=None):
    write_files(tmp_path / "content", files)
    return run_tool("tools.deploy", "--settings", str(SAMPLE_PUBLISHCONF), "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "output"),
                    "--target", str(target), *options, env_extra={"DEPLOY_NEWSLETTER": "", "DRY_RUN": "", "VERBOSE": "", **(env or {})})


@pytest.mark.parametrize("newsletter, expected", [(False, ["--exclude=/newsletter/", "--delete-excluded"]),
                                                  (True, [])])
def test_the_newsletter_folder_is_excluded_unless_asked_for(tmp_path, newsletter, expected):
    command = rsync_command(tmp_path, "host:/srv/", newsletter_dir=None if newsletter else "newsletter/",
                            dry_run=False)
    assert [part for part in command if "exclu" in part] == expected
    assert {"--delay-updates", "--delete-after"} <= set(command) and command[-2:] == [f"{tmp_path}/", "host:/srv/"]


def test_deploy_to_a_local_folder_mirrors_the_site_and_keeps_the_emails_private(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "alt.html").write_text("from an old deploy")
    first = deploy(tmp_path, live)
    assert first.returncode == 0, first.stderr
    uploaded = files_under(live)
    assert "index.html" in uploaded and "2026/erster-beitrag/index.html" in uploaded
    assert "alt.html" not in uploaded  # --delete-after
    assert not (live / "newsletter").exists() and (tmp_path / "output/newsletter/2026-W47.eml").is_file()
    assert "wochenrueckblick/2026-W47/newsletter/index.html" in uploaded  # the public web copy stays
    assert files_under(live) == [f for f in files_under(tmp_path / "output") if not f.startswith("newsletter/")]

    with_emails = deploy(tmp_path, live, env={"DEPLOY_NEWSLETTER": "1"})
    assert with_emails.returncode == 0 and (live / "newsletter/2026-W47.eml").is_file()
    # without the flag again: the emails uploaded by mistake are taken down
    assert deploy(tmp_path, live).returncode == 0 and not (live / "newsletter").exists()


def test_dry_run_lists_what_would_change_and_uploads_nothing(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "alt.html").write_text("old")
    done = deploy(tmp_path, live, env={"DRY_RUN": "1"})
    assert done.returncode == 0, done.stderr
    new = len(files_under(tmp_path / "output")) - len([f for f in files_under(tmp_path / "output") if f.startswith("newsletter/")])
    assert re.search(rf"would change: {new} new file\(s\), 0 changed, 1 deleted; [\d.,]+\w? bytes sent", done.stdout)
    assert "*deleting" not in done.stdout  # the list only with VERBOSE=1
    assert "nothing was uploaded" in done.stderr and files_under(live) == ["alt.html"]
    listed = deploy(tmp_path, live, env={"DRY_RUN": "1", "VERBOSE": "1"})
    assert "*deleting   alt.html" in listed.stdout and ">f+++++++++ index.html" in listed.stdout


def test_deploy_prints_a_summary_not_every_file(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    done = deploy(tmp_path, live)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) <= 3, done.stdout
    assert re.search(r"changed: \d+ new file\(s\), 0 changed, 0 deleted", done.stdout)
    again = deploy(tmp_path, live)  # nothing changed since: rsync compares contents
    assert re.search(r"changed: 0 new file\(s\), 0 changed, 0 deleted", again.stdout), again.stdout


def test_a_failed_build_uploads_nothing(tmp_path):
    live = tmp_path / "live"
    live.mkdir()
    (live / "index.html").write_text("the live site")
    done = deploy(tmp_path, live, files={**MINIMAL_SITE, "articles/erster-beitrag.md": BAD_AUTHOR})
    assert done.returncode == 1
    assert "unknown author 'jana-beispeil'" in done.stderr and "nothing was uploaded" in done.stderr
    assert files_under(live) == ["index.html"] and (live / "index.html").read_text() == "the live site"


def test_without_a_target_it_stops_before_building_and_says_what_to_set(tmp_path):
    done = run_tool("tools.deploy", "--settings", str(SAMPLE_PUBLISHCONF), "--output", str(tmp_path / "output"),
                    env_extra={"DEPLOY_TARGET": ""})
    assert done.returncode == 1 and "DEPLOY_TARGET is not set" in done.stderr
    assert not (tmp_path / "output").exists()


@pytest.fixture
def rsync_daemon(tmp_path):
    """An rsync daemon on 127.0.0.1 with one writable module `site`; yields (url, folder)."""
    folder, port = tmp_path / "module", free_port()
    folder.mkdir()
    config = tmp_path / "rsyncd.conf"
    config.write_text(f"use chroot = no\nuid = root\ngid = root\npid file = {tmp_path}/rsyncd.pid\n"
                      f"[site]\n  path = {folder}\n  read only = no\n")
    daemon = subprocess.Popen(["rsync", "--daemon", "--no-detach", "--address", "127.0.0.1", "--port", str(port),
                               "--config", str(config)])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"rsync://127.0.0.1:{port}/site/", folder
    daemon.terminate()
    daemon.wait(timeout=10)


def test_deploy_to_an_rsync_daemon(tmp_path, rsync_daemon):
    url, folder = rsync_daemon
    done = deploy(tmp_path, url)
    assert done.returncode == 0, done.stderr
    assert (folder / "2026/erster-beitrag/index.html").read_bytes() == \
        (tmp_path / "output/2026/erster-beitrag/index.html").read_bytes()
    assert not (folder / "newsletter").exists()
    assert not list(folder.rglob(".~tmp~"))  # --delay-updates left no staging folder behind


def test_deploy_to_host_colon_path_goes_through_the_remote_shell(tmp_path):
    """`host:path` is rsync over ssh; a stand-in for ssh (RSYNC_RSH) runs the far side locally."""
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text('#!/bin/sh\necho "$1" >> "$(dirname "$0")/hosts"\nshift\nexec "$@"\n')
    fake_ssh.chmod(0o755)
    live = tmp_path / "live"
    done = deploy(tmp_path, f"web.example.org:{live}/", env={"RSYNC_RSH": str(fake_ssh)})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "hosts").read_text().split() == ["web.example.org"]
    assert (live / "index.html").is_file() and not (live / "newsletter").exists()
