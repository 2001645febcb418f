"""``storyline serve``: the local web app and JSON API over a store."""

from storyline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
