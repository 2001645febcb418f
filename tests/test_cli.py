"""The CLI is a thin layer: right exit codes and clear one-line errors, never tracebacks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storyline.cli.commands import app
from storyline.pipeline.build import parent_stage

runner = CliRunner()


def test_build_then_search(tmp_path: Path, samples_dir: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(samples_dir / "002_66bc5cd5d1c12ee4.txt"), "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "1 ingested" in result.output
    found = runner.invoke(app, ["search", "letter", "--db", str(out / "storyline.db")])
    assert found.exit_code == 0 and "002_66bc5cd5d1c12ee4" in found.output
    bad = runner.invoke(app, ["search", '"unbalanced', "--db", str(out / "storyline.db")])
    assert bad.exit_code == 2
    assert "malformed search query" in bad.output and "Traceback" not in bad.output


def test_build_timings_nest_inner_stages_under_their_parent(
    tmp_path: Path, samples_dir: Path
) -> None:
    doc = str(samples_dir / "002_66bc5cd5d1c12ee4.txt")
    result = runner.invoke(app, ["build", doc, "--out", str(tmp_path), "-q", "--timings"])
    assert result.exit_code == 0, result.output
    cells = [line.split("│")[1] for line in result.output.splitlines() if line.count("│") > 2]
    rows = [cell[1:].rstrip() for cell in cells]  # the table pads each cell with one space
    stages = [r for r in rows if r.strip() in ("ingest", "prepare", "analyse", "corpus", "stories")]
    assert stages == ["ingest", "  prepare", "analyse", "corpus", "  stories"]


def test_parent_stage() -> None:
    assert [parent_stage(s) for s in ("store", "corpus:summary", "analyse")] == [
        "ingest",
        "corpus",
        None,
    ]


def test_build_of_nothing_usable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(
        app, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o"), "-q"]
    )
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output


def test_commands_on_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store at" in result.output


def test_unknown_eval_task(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "nonsense", str(tmp_path)])
    assert result.exit_code == 2 and "unknown task" in result.output


def test_schema_lists_the_briefing_sections() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    for section in ("documents", "entities", "events", "figure_groups", "stories", "summary"):
        assert f'"{section}"' in result.output


def test_schema_documentation_is_current() -> None:
    from storyline.briefing.schema_doc import schema_markdown

    committed = (Path(__file__).parents[1] / "docs" / "briefing-schema.md").read_text()
    assert committed == schema_markdown(), (
        "run: storyline schema --markdown > docs/briefing-schema.md"
    )


def test_ask_names_the_value_in_words_not_by_its_id(demo_build) -> None:
    """The answer's value line shows what a reader reads ("Vladimir Putin"), never the entity
    id the value is normalised to ("person:vladimir-putin")."""
    out, _ = demo_build
    result = runner.invoke(
        app, ["ask", "Who did Modi meet in Moscow?", "--db", str(out / "storyline.db")]
    )
    assert result.exit_code == 0, result.output
    value_line = next(line for line in result.output.splitlines() if "layer)" in line)
    assert value_line.startswith("person: Vladimir Putin (from the")
    assert "person:" not in value_line.removeprefix("person:")
