"""What every ``storyline`` command shares: the typer app, consoles, the --db option."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from storyline.errors import StorylineError
from storyline.store import Store

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn a pile of news articles about one story into a cited, structured briefing.",
)
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="Store file (default: out/storyline.db).")]
DEFAULT_DB = Path("out/storyline.db")


def open_store(db: Path) -> Store:
    if not db.exists():
        errors.print(
            f"[red]error:[/] no store at {db} — run `storyline build INPUT --out DIR` "
            "first, or pass --db PATH"
        )
        raise typer.Exit(2)
    try:
        return Store(db)
    except StorylineError as error:
        errors.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (never a traceback) and exit."""
    errors.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(code)
