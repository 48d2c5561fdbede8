"""The import graph of ``src/storyline``: no cycles and no imports running back up the layers.

Read with ``ast`` (imports inside functions and ``TYPE_CHECKING`` blocks included), so a
lazy import cannot hide an upward dependency. A package may import its own modules and
any package of a lower layer; the layers are the product's architecture, bottom to top.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = SRC / "storyline"

# bottom to top; a unit may import units of its own or a lower layer
LAYERS: list[set[str]] = [
    {"version", "dates", "codes", "happenings"},
    {"records"},
    {"errors"},
    {"limits", "nlp"},
    {"ingest", "entities"},
    {"time", "quotes"},
    {"events", "link"},
    {"analyze", "store"},
    {"api"},
    {"export", "export_flat", "summary"},
    {"runners"},
    {"library", "web"},
    {"cli"},
    {"__init__"},
]
LAYER = {unit: i for i, units in enumerate(LAYERS) for unit in units}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The first component under ``storyline`` (a stage package or a top-level module)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "storyline"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "storyline":
                found |= {f"{target}.{a.name}" if target == "storyline" else target for a in node.names}
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in ROOT.rglob("*.py")}


def test_every_unit_has_a_layer() -> None:
    units = {_unit(m) for m in _graph()}
    assert units <= set(LAYER), f"give these a layer in LAYERS: {sorted(units - set(LAYER))}"


def test_no_import_runs_up_the_layers() -> None:
    upward = []
    for module, targets in _graph().items():
        for target in targets:
            a, b = _unit(module), _unit(target)
            if b == "__init__" and target != "storyline":
                b = _unit(target)
            if a != b and LAYER.get(b, -1) > LAYER.get(a, -1):
                upward.append(f"{module} -> {target}")
    assert not upward, "imports running up the layers:\n" + "\n".join(sorted(upward))


def test_no_cycles_between_units() -> None:
    edges: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        for target in targets:
            a, b = _unit(module), _unit(target)
            if a != b:
                edges.setdefault(a, set()).add(b)
    seen: dict[str, int] = {}          # 1 on the stack, 2 done

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if seen.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(nxt):] + [node, nxt]))
            if nxt not in seen:
                visit(nxt, path + [node])
        seen[node] = 2

    for node in sorted(edges):
        if node not in seen:
            visit(node, [])


# Modules that may import the project's own modules inside functions, and why. Anywhere else an
# import goes at the top, where a reader and the graph above see it.
LAZY_OWN_IMPORTS: dict[str, str] = {
    "storyline.cli": "each verb loads its module when it runs: --help in 0.07 s, not 2.4 s (spaCy, FastAPI, DuckDB)",
    "storyline.nlp": "the fast lemmatizer and ruler import spaCy's pipeline classes",
    "storyline.store.read": "store.events imports read's writers: the actor index reads events back (a cycle)",
    "storyline.link.actors": "storyline.entities loads spaCy (1.3 s): the read path (API, CLI) never needs it",
    "storyline.link.mentions": "as link.actors",
    "storyline.time.resolve": "time code under review by its owners",
    "storyline.time.timeml": "an evaluation tool: parses only when asked",
    "storyline.ingest.dating.decide": "dating code under review by its owners",
}


def _lazy_own_imports(path: Path) -> list[str]:
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if in_function and isinstance(child, ast.ImportFrom) and (
                    child.level or (child.module or "").startswith("storyline")):
                found.append(f"{path.relative_to(SRC)}:{child.lineno} from {'.' * child.level}{child.module or ''}")
            elif in_function and isinstance(child, ast.Import) and any(
                    a.name.startswith("storyline") for a in child.names):
                found.append(f"{path.relative_to(SRC)}:{child.lineno} import {child.names[0].name}")
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_own_modules_are_imported_at_the_top() -> None:
    lazy = [hit for p in sorted(ROOT.rglob("*.py")) if _module(p) not in LAZY_OWN_IMPORTS
            for hit in _lazy_own_imports(p)]
    assert not lazy, ("imports of the project's own modules inside functions (move them to the top, or give "
                      "the module a reason in LAZY_OWN_IMPORTS):\n" + "\n".join(lazy))
