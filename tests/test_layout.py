"""The package layout is the architecture: imports only run downward through the layers, every package says
what it owns, and no module grows past what a reader takes in at once."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

# lowest first; a module may import its own layer and the ones below, never one above
LAYERS = [
    {"types", "config", "lexicon", "grounding", "ports", "fakes"},
    {"ingest"},
    {"store"},
    {"retrieve"},
    {"compare"},
    {"answer"},
    {"wiring"},
    {"eval"},
    {"app", "__main__"},
]
LAYER = {name: n for n, names in enumerate(LAYERS) for name in names}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _unit(path: Path) -> str:
    """The layer unit of a module: its subpackage, or its own name for a top-level module."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_units(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    rel = path.relative_to(PACKAGE)
    here = list(rel.parts[:-1])  # the package the module is in, below assistant/
    units = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: climb from this module's package
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "assistant":
                target = node.module.split(".")[1:]
            else:
                continue
            names = [a.name for a in node.names] if not node.module else []
            for first in (target[:1] or names):
                units.add(first)
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "assistant" and len(parts) > 1:
                    units.add(parts[1])
    return units


def test_every_module_belongs_to_a_layer():
    unknown = {_unit(p) for p in _modules()} - set(LAYER) - {"__init__"}
    assert not unknown, f"add these to LAYERS: {sorted(unknown)}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_run_downward(path: Path):
    unit = _unit(path)
    if unit == "__init__":
        return
    upward = {u for u in _imported_units(path) if LAYER.get(u, -1) > LAYER[unit]}
    assert not upward, f"{path.relative_to(PACKAGE)} (layer {unit}) imports {sorted(upward)} from above it"


def test_every_package_says_what_it_owns():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc) > 60, f"{init.relative_to(PACKAGE)} needs a docstring saying what it owns"


def test_modules_stay_readable():
    long = [f"{p.relative_to(PACKAGE)} ({n})" for p in _modules() if (n := len(p.read_text().splitlines())) > 400]
    assert not long, f"split these modules: {long}"
