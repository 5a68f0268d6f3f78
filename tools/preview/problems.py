"""Content problems shown in the page: a banner on every page, a problem page for a missing one.

The text is the same as `make check` prints (ContentProblem.format()), escaped once.
"""

from __future__ import annotations

import html
import os

from shared.problems import relative_path

STYLE = """<style>
#werkbank-preview-problems{font:15px/1.45 system-ui,sans-serif;background:#fff4e5;color:#3b2300;
border-bottom:3px solid #b45309;padding:.75rem 1rem;margin:0}
#werkbank-preview-problems h2{font-size:1rem;margin:0 0 .4rem}
#werkbank-preview-problems pre{white-space:pre-wrap;margin:.3rem 0;font:13px/1.4 ui-monospace,monospace;
background:#fff;color:#1f1300;padding:.4rem .6rem;border-left:3px solid #b45309}
#werkbank-preview-problems .this-page{border-left-color:#b91c1c;background:#fee2e2}
</style>"""


def problem_path(problem, root: str) -> str:
    return os.path.normpath(os.path.join(root, problem.path))


def banner(problems, root: str, page_source: str | None = None) -> str:
    """The banner for one page; `page_source` is the absolute source path of the page, if any."""
    if not problems:
        return ""
    mine = [p for p in problems if page_source and problem_path(p, root) == page_source]
    others = [p for p in problems if p not in mine]
    parts = [STYLE, '<aside id="werkbank-preview-problems" role="alert" aria-label="Vorschau: Probleme">']
    if mine:
        parts.append(f"<h2>Diese Seite hat {_count(len(mine))}</h2>")
        parts += [f'<pre class="this-page">{html.escape(_line(p))}</pre>' for p in mine]
    if others:
        parts.append(f"<h2>{_count(len(others))} in anderen Dateien</h2>" if mine
                     else f"<h2>Die Vorschau hat {_count(len(others))}</h2>")
        parts += [f"<pre>{html.escape(_line(p))}</pre>" for p in others]
    parts.append("</aside>")
    return "".join(parts)


def problem_page(problems, root: str, source: str) -> str:
    """The page shown at the URL of an article that is not built because its file has a problem."""
    name = html.escape(relative_path(source, root))
    return ("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
            f"<title>Problem in {name}</title></head><body>"
            f"{banner(problems, root, source)}<main><h1>{name} wird nicht gebaut</h1>"
            "<p>Die Seite erscheint wieder, sobald die Datei gespeichert ist und das Problem behoben ist.</p>"
            "</main></body></html>\n")


def _line(problem) -> str:
    prefix = "Warnung: " if problem.severity == "warning" else ""
    return prefix + problem.format()


def _count(number: int) -> str:
    return "1 Problem" if number == 1 else f"{number} Probleme"
