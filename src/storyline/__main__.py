"""``python -m storyline`` is the ``storyline`` command."""

from storyline.cli.commands import app

app()
