"""The layout issue 12 asks for, kept true: no import cycle between modules, no module much
over 400 lines, and the stage declarations say what each stage reads and adds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from storyline.pipeline.analyse import DOCUMENT_STAGES
from storyline.pipeline.corpus import CORPUS_STAGES
from storyline.pipeline.stages import (
    CORPUS_INPUTS,
    DOCUMENT_INPUTS,
    DocumentStage,
    missing_inputs,
)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
#: "~400 lines": a little slack for a docstring or a table, never a second job.
MAX_MODULE_LINES = 420


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """storyline modules a file imports anywhere (inside functions too, not under
    TYPE_CHECKING): ``from a.b import c`` names ``a.b.c`` when that is a module, else ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n) for block in ast.walk(tree) if _type_checking_block(block) for n in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imported_modules(path, set(files)) - {name} for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first = last), or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for root in sorted(graph):
        if state.get(root):
            continue
        path, stack = [root], [iter(sorted(graph[root]))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(graph[child])))
    return None


def test_no_import_cycle() -> None:
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_much_over_400_lines() -> None:
    sizes = {module_name(p): len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_every_stage_reads_only_what_earlier_stages_add() -> None:
    assert missing_inputs(DOCUMENT_STAGES, DOCUMENT_INPUTS) == {}
    assert missing_inputs(CORPUS_STAGES, CORPUS_INPUTS) == {}


def test_a_misordered_pipeline_is_caught_before_it_runs() -> None:
    events, timexes = (
        next(s for s in DOCUMENT_STAGES if s.adds == f) for f in ("events", "timexes")
    )
    assert missing_inputs([events, timexes], DOCUMENT_INPUTS) == {"events": {"timexes", "mentions"}}


@pytest.mark.parametrize("stage", DOCUMENT_STAGES, ids=lambda s: s.name)
def test_document_stages_fill_distinct_fields(stage: DocumentStage) -> None:
    assert [s.adds for s in DOCUMENT_STAGES].count(stage.adds) == 1
