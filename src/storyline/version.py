"""The package version, in a module of its own so that any stage can name it (in a user agent,
in ``generated_by``) without importing the package root and, through it, every stage."""

__version__ = "0.1.0"
