"""Where the external checkers live, and one message per missing one saying how to install it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from shared.messages import N_, t

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")

APT_HINT = N_("install it with `apt-get install chromium default-jre-headless`")
NPM_HINT = N_("install it with `make node-tools` (npm ci)")


class ToolMissing(RuntimeError):
    """A checker this machine lacks; the message names it and how to install it."""


@dataclass(frozen=True)
class Tool:
    name: str
    hint: str  # N_(...): translated where it is shown

    def locate(self) -> str | None:
        return _LOCATORS[self.name]()


def _chromium() -> str | None:
    # /usr/lib/chromium/chromium is the binary behind Debian's wrapper script; it skips a warning.
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


def _playwright() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return "playwright"


_LOCATORS = {
    "chromium": _chromium,
    "playwright": _playwright,
    "java": lambda: shutil.which("java"),
    "axe-core": lambda: str(AXE_SCRIPT) if AXE_SCRIPT.is_file() else None,
    "vnu-jar": lambda: str(VNU_JAR) if VNU_JAR.is_file() else None,
    "lighthouse": lambda: str(LIGHTHOUSE) if LIGHTHOUSE.is_file() else None,
}

TOOLS = {
    "chromium": Tool("chromium", APT_HINT),
    "playwright": Tool("playwright", N_("install it with `pip install -r requirements.txt` (make test does)")),
    "java": Tool("java", APT_HINT),
    "axe-core": Tool("axe-core", NPM_HINT),
    "vnu-jar": Tool("vnu-jar", NPM_HINT),
    "lighthouse": Tool("lighthouse", NPM_HINT),
}

# What each group of checks needs.
BROWSER_TOOLS = ("playwright", "chromium", "axe-core")
VALIDATOR_TOOLS = ("java", "vnu-jar")


def missing(names) -> list[str]:
    """One line per missing tool: what is missing and how to install it."""
    return [t("{name} is missing: {hint}", name=name, hint=t(TOOLS[name].hint))
            for name in names if TOOLS[name].locate() is None]


def require(names) -> None:
    problems = missing(names)
    if problems:
        raise ToolMissing("; ".join(problems))


def locate(name: str) -> str:
    require([name])
    return TOOLS[name].locate()


def running_in_ci() -> bool:
    """CI must never skip a check silently: .ci/run exports CI=true."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
