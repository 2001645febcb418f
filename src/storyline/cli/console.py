"""What every ``storyline`` command shares: the typer app, consoles, the --db option, and how
untrusted text (file names, titles, reasons) is shown on a terminal.

Nothing heavy is imported here: ``storyline --help`` and the read-only commands start without
spaCy, Dask, pydantic's models or even rich until they need them (rich's console is made on
first use).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.connection import StoreConnection

Connection = TypeVar("Connection", bound="StoreConnection")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # plain help and usage errors: typer's rich formatter imports half of rich (markdown,
    # tracebacks) and doubled the start of `storyline --help` (issue 19: start in ≤ 0.5 s)
    rich_markup_mode=None,
    help="Turn a pile of news articles about one story into a cited, structured briefing.",
)

DbOption = Annotated[Path, typer.Option("--db", help="Store file (default: out/storyline.db).")]
DEFAULT_DB = Path("out/storyline.db")

#: Characters a terminal acts on rather than shows: C0 controls (ESC starts escape sequences,
#: CR rewrites the line), DEL and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def printable(text: object) -> str:
    """``text`` safe to print on a terminal and as rich markup: control characters shown as
    escapes ("\\e", "\\n", "\\x07") and markup brackets escaped."""
    from rich.markup import escape

    shown = _CONTROL.sub(lambda m: _NAMED.get(m[0], f"\\x{ord(m[0]):02x}"), str(text))
    return escape(shown)


class _LazyConsole:
    """A rich ``Console`` made on first use (rich costs tens of milliseconds to import)."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich(), name)

    def rich(self) -> Any:
        """The console itself, for rich objects that take one (``Progress``, ``Live``): they
        use it as a context manager, which a proxy's ``__getattr__`` cannot stand in for."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, soft_wrap=True)
        return self._console


console: Any = _LazyConsole(stderr=False)
errors: Any = _LazyConsole(stderr=True)


def open_store(db: Path) -> Store:
    from storyline.store import Store

    return open_tables(db, Store)


def open_tables(db: Path, tables: type[Connection]) -> Connection:
    """The store at ``db`` opened as ``tables`` (``Store``, or one table class when a command
    needs no more: ``search`` opens only ``SearchIndex``, without pydantic's models)."""
    from storyline.errors import StorylineError

    if not db.exists():
        errors.print(
            f"[red]error:[/] no store at {printable(db)} — run `storyline build INPUT --out DIR` "
            "first, or pass --db PATH"
        )
        raise typer.Exit(2)
    try:
        return tables(db)
    except StorylineError as error:
        errors.print(f"[red]error:[/] {printable(error)}")
        raise typer.Exit(2) from None


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error (never a traceback) and exit."""
    errors.print(f"[red]error:[/] {printable(message)}")
    raise typer.Exit(code)


def shown_of(shown: int, total: int, what: str) -> str | None:
    """The line under a table that stops before the end: '40 of 157 entities (use --limit)'."""
    if total <= shown:
        return None
    return f"{shown:,} of {total:,} {what} (use --limit to see more)"
