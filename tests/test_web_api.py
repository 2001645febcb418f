"""The JSON API fuzzed from its own OpenAPI schema (schemathesis): whatever a client sends that
the schema allows, or nearly allows, the answer is never a 5xx and always matches the schema.

Marked ``serial``: schemathesis reports each API operation as a subtest, and pytest-xdist
loses a failing subtest (the item reports "passed"), so this file must run in the main pytest
process; the README's test command runs it there, and a worker refuses to run it.

Runs in-process over ASGI on a copy of the demo store. Ingestion jobs are queued for real but
built by a recording stand-in, so the fuzzer cannot start hundreds of spaCy builds; the real
build behind a job is covered by tests/test_web.py.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from storyline.pipeline.build import BuildReport
from storyline.web import create_app
from tests.conftest import TODAY
from tests.test_web import copy_store, demo_store

pytestmark = pytest.mark.serial

BUILDS: list[list[str]] = []


@pytest.fixture(scope="module", autouse=True)
def _not_in_an_xdist_worker() -> None:
    """Fail loudly rather than pass silently where subtest failures would be dropped."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        pytest.fail(f"test_web_api.py ran in pytest-xdist worker {worker}: run it with -m serial")


def recording_builder(inputs, out_dir, db_path=None, options=None, progress=None) -> BuildReport:
    """Stands in for ``pipeline.build``: remembers the inputs, reports nothing added."""
    BUILDS.append(list(inputs))
    return BuildReport(store_path=str(db_path))


def _openapi() -> dict:
    """The app's schema, read at import time (it does not depend on the store's contents)."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Path(folder) / "schema.db")
        try:
            return app.openapi()
        finally:
            app.state.views.close()
            app.state.jobs.close()


#: A schema-valid request may still be a 400: FTS5 query syntax and "send at least one input"
#: are beyond what OpenAPI can state. Every other check runs with its defaults.
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "404"]
"""
schema = schemathesis.openapi.from_dict(_openapi(), config=SchemathesisConfig.from_str(CONFIG))


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory, samples_dir: Path):
    demo = demo_store(tmp_path_factory, samples_dir)
    db = copy_store(demo, tmp_path_factory.mktemp("api-fuzz"))
    app = create_app(
        db,
        today=TODAY,
        builder=recording_builder,
        max_upload_bytes=2_000_000,  # above the longest text field the schema allows
        allowed_hosts=["testserver", "localhost"],  # the in-process client's host names
    )
    yield app
    for part in ("jobs", "views", "stores"):
        getattr(app.state, part).close()


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case, fuzzed_app) -> None:
    case.call_and_validate(app=fuzzed_app)
