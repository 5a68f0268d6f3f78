"""The tools import each other in one direction only: no module of tools/ imports one that imports it back."""

import ast
from pathlib import Path

from helpers.site import ROOT

TOOLS = ROOT / "tools"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, name: str) -> set[str]:
    """Every module name an import in the file may mean, also imports inside functions."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..sitecheck import y
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def import_graph() -> dict[str, set[str]]:
    """{tools module: tools modules it imports}; importing a.b.c also runs the packages a and a.b."""
    files = {module_name(path): path for path in TOOLS.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        targets = set()
        for imported in imported_names(path, name):
            parts = imported.split(".")
            targets.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        graph[name] = {target for target in targets if target in files and target != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    done, path = set(), []

    def visit(name):
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return None
        path.append(name)
        for target in sorted(graph[name]):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(name)
        return None

    for name in sorted(graph):
        cycle = visit(name)
        if cycle:
            return cycle
    return None


def test_no_module_in_tools_imports_a_module_that_imports_it_back():
    graph = import_graph()
    assert "tools.newsletter.screenshots" in graph and graph["tools.newsletter.cli"]  # the walk found them
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_names_the_modules_of_a_cycle():
    graph = {"tools.a": {"tools.b"}, "tools.b": {"tools.c"}, "tools.c": {"tools.a"}, "tools.d": set()}
    assert find_cycle(graph) == ["tools.a", "tools.b", "tools.c", "tools.a"]
    assert find_cycle({"tools.a": {"tools.b"}, "tools.b": set()}) is None
