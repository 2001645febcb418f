"""The report as one self-contained HTML file: inline CSS, JS and SVG, nothing fetched.

Article text is untrusted. The template is rendered with Jinja2 autoescaping on and never marks
article text safe; the only strings marked safe are the stylesheet and script shipped in
report/assets. A Content-Security-Policy meta tag forbids every network load
(``default-src 'none'``) and allows exactly that stylesheet and that script by their SHA-256
hashes: no 'unsafe-inline', so even an injected inline handler, ``<script>`` or
``javascript:`` URL would not run. Hashes rather than a nonce keep the output deterministic.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from storyline.report.view import ReportView

ASSETS = "assets"
NODE_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.report", ASSETS),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["node_type"] = lambda t: t.lower() if t in NODE_TYPES else "other"
    env.filters["signed"] = lambda v: f"{v:+.2f}".replace("-", "−")
    return env


@cache
def asset(name: str) -> str:
    """A stylesheet or script from report/assets, checked to be safe to inline as is."""
    text = files("storyline.report").joinpath(ASSETS, name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} must not contain '</' (it would end its inline element)")
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression allowing an inline element whose content is exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(css: str, js: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(css)}",
            f"script-src {csp_hash(js)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def render(view: ReportView) -> str:
    """The whole report as an HTML document."""
    css, js = asset("report.css"), asset("report.js")
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            view=view,
            css=Markup(css),  # our own asset, never article text
            js=Markup(js),
            csp=content_security_policy(css, js),
        )
    )
