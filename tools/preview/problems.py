"""Content problems shown in the page: a banner on every page, a problem page for a missing one.

The text is the same as `make check` prints (ContentProblem.format()), escaped once; the banner's
own words are in the language of the problems (shared/messages.py).
"""

from __future__ import annotations

import html
import os

from shared.messages import current_language, t
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
    label = html.escape(t("Preview: problems"), quote=True)
    parts = [STYLE, f'<aside id="werkbank-preview-problems" role="alert" aria-label="{label}">']
    if mine:
        heading = t("This page has {count}", count=_count(len(mine)))
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts += [f'<pre class="this-page">{html.escape(_line(p))}</pre>' for p in mine]
    if others:
        heading = (t("{count} in other files", count=_count(len(others))) if mine
                   else t("The preview has {count}", count=_count(len(others))))
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts += [f"<pre>{html.escape(_line(p))}</pre>" for p in others]
    parts.append("</aside>")
    return "".join(parts)


def problem_page(problems, root: str, source: str) -> str:
    """The page shown at the URL of an article that is not built because its file has a problem."""
    name = relative_path(source, root)
    title = html.escape(t("Problem in {name}", name=name))
    heading = html.escape(t("{name} is not built", name=name))
    text = html.escape(t("The page appears again once the file is saved and the problem is fixed."))
    return (f"<!DOCTYPE html>\n<html lang=\"{current_language()}\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body>"
            f"{banner(problems, root, source)}<main><h1>{heading}</h1><p>{text}</p>"
            "</main></body></html>\n")


def _line(problem) -> str:
    if problem.severity == "warning":
        return t("warning: {problem}", problem=problem.format())
    return problem.format()


def _count(number: int) -> str:
    return t("1 problem") if number == 1 else t("{count} problems", count=number)
