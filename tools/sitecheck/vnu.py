"""The Nu HTML Checker (vnu-jar from npm, run with the machine's Java) over a whole output tree.

One JVM start for all files (about 2 s); its GNU-format output becomes (file, line, message) findings.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from shared.messages import t
from tools.sitecheck import environment
from tools.sitecheck.pagetypes import is_email_html

# "file:/tmp/out/index.html":12.5-12.9: error: Unclosed element “span”.
_GNU_LINE = re.compile(r'^"(?P<url>[^"]+)":(?:(?P<line>\d+)(?:\.\d+)?(?:-\d+(?:\.\d+)?)?)?:\s*'
                       r'(?P<kind>error|info warning|warning|info|fatal)?:?\s*(?P<message>.*)$')

_JVM_CHATTER = ("Picked up JAVA_TOOL_OPTIONS", "Picked up _JAVA_OPTIONS", "Picked up JDK_JAVA_OPTIONS")
# The checker needs a large thread stack (it says so itself when it hits StackOverflowError);
# the C1-only JIT and the serial collector make a short run start about twice as fast.
JAVA_OPTIONS = ("-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")

# Email HTML carries Outlook-specific markup the checker rejects by design (see shared/RECIPES.md),
# and the mail service's placeholders ({{ UnsubscribeURL }}, *|UNSUB|*) where a URL goes.
EMAIL_NOISE = re.compile(r".*(xmlns:[vo]|mso-|“meta” is missing one or more"
                         r"|Bad value “(\{\{[^”]*\}\}|\*\|[^”]*\|\*)”).*")


@dataclass(frozen=True)
class Finding:
    file: str  # relative to the checked directory
    line: int | None
    message: str  # the checker's own words: English in every language

    def format(self) -> str:
        """`file:line: message`; another language than English says the checker's words follow."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return t("{where}: {nu_checker_message}", where=where, nu_checker_message=self.message)


def parse_gnu_output(text: str, root: str | Path) -> list[Finding]:
    root = Path(root).resolve()
    findings = []
    for raw in text.splitlines():
        match = _GNU_LINE.match(raw.strip())
        line_text = raw.strip()
        if not match:
            # Anything else the checker says (e.g. "StackOverflowError while evaluating HTML
            # schema") means the files were not checked: never let that pass as "no errors".
            if line_text and not line_text.startswith(_JVM_CHATTER):
                findings.append(Finding(str(root), None, f"vnu.jar: {line_text}"))
            continue
        path = Path(unquote(urlparse(match["url"]).path))
        try:
            relative = path.resolve().relative_to(root).as_posix()
        except ValueError:
            relative = str(path)
        line = int(match["line"]) if match["line"] else None
        findings.append(Finding(relative, line, match["message"].strip()))
    return findings


def drop_email_noise(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not (is_email_html(f.file) and EMAIL_NOISE.match(f.message))]


def check_directory(directory: str | Path, timeout: int = 300) -> list[Finding]:
    """Every HTML error in `directory` (recursively), sorted by file and line."""
    environment.require(environment.VALIDATOR_TOOLS)
    command = [environment.locate("java"), *JAVA_OPTIONS, "-jar", environment.locate("vnu-jar"),
               "--errors-only", "--skip-non-html", "--format", "gnu", str(directory)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    output = finished.stderr + finished.stdout
    findings = parse_gnu_output(output, directory)
    if finished.returncode != 0 and not findings:
        # The checker failed without naming a file (a crash, a bad argument): show what it said.
        findings = [Finding(str(directory), None,
                            t("vnu.jar exited with {code}: {output}", code=finished.returncode,
                              output=output.strip()[-500:]))]
    findings = drop_email_noise(findings)
    return sorted(findings, key=lambda f: (f.file, f.line or 0))
