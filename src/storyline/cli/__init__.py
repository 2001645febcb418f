"""The command line: thin commands over the same functions as the Python API and the web app.

``commands`` defines the typer app, ``console`` the shared options and output, ``views`` the
read-only commands over a store.
"""

from storyline.cli.commands import app

__all__ = ["app"]
