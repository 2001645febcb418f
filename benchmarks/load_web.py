"""A short load test of ``storyline serve`` on loopback: pages, API, search and ask, mixed.

    python benchmarks/load_web.py [--db out/storyline.db] [--requests 2000] [--duration 20]
                                  [--workers 8] [--json]

The server runs in its own process (``storyline.web.serve`` under uvicorn, as ``storyline
serve`` runs it); this process is the client. Requests are paced open-loop: request i is due at
``i * duration / requests`` seconds, so a slow answer does not slow the offered load down (a
closed loop would hide queueing). ``--workers`` threads, each with a keep-alive connection,
send them. Without ``--db`` the demo corpus is built into a temporary folder first.

Prints the latency percentiles overall and per kind of request, and exits 1 if any request
failed (a transport error or a status other than 200).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples" / "india-russia"
SEARCHES = ["Putin", "Modi AND Putin", '"strategic partnership"', "oil imports", "trade OR defence",
            "Kremlin", "visit*", "election NOT Ukraine"]  # fmt: skip
QUESTIONS = ["When did Modi call Putin?", "Who met Sergey Lavrov?", "How much was trade?",
             "What share of India's oil imports comes from Russia?"]  # fmt: skip


@dataclass
class Result:
    kind: str
    path: str
    status: int | None
    seconds: float
    error: str | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = (
        "import sys; from pathlib import Path; from storyline.web import serve; "
        "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read()[-2000:]}")
        try:
            if httpx.get(base + "/api/overview", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not come up")


def request_mix(base: str, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, path) for every request: the ids come from the API itself."""
    with httpx.Client(base_url=base, timeout=30) as client:
        sources = [r["id"] for r in client.get("/api/sources").json()["sources"]]
        entities = [e["id"] for e in client.get("/api/entities").json()][:20]
        events = [e["event_id"] for e in client.get("/api/timeline").json()["entries"]]
        stories = [s["id"] for s in client.get("/api/stories").json()]
    rng = random.Random(seed)

    def pick(items: list[str], fallback: str) -> str:
        return quote(rng.choice(items), safe="") if items else fallback

    makers = [
        (10, "page", lambda: "/"),
        (8, "page", lambda: "/timeline"),
        (4, "page", lambda: "/timeline?type=CONSULT&start=2024"),
        (6, "page", lambda: f"/sources/{pick(sources, 'x')}"),
        (4, "page", lambda: "/sources"),
        (4, "page", lambda: f"/entities/{pick(entities, 'x')}"),
        (3, "page", lambda: "/entities"),
        (3, "page", lambda: "/figures"),
        (3, "page", lambda: f"/events/{pick(events, 'x')}"),
        (2, "page", lambda: f"/stories/{pick(stories, 'x')}"),
        (8, "api", lambda: "/api/overview"),
        (6, "api", lambda: "/api/timeline"),
        (6, "api", lambda: f"/api/sources/{pick(sources, 'x')}"),
        (4, "api", lambda: f"/api/entities/{pick(entities, 'x')}"),
        (3, "api", lambda: "/api/figures"),
        (8, "search", lambda: f"/search?q={quote(rng.choice(SEARCHES))}"),
        (6, "search", lambda: f"/api/search?q={quote(rng.choice(SEARCHES))}"),
        (2, "ask", lambda: f"/api/ask?q={quote(rng.choice(QUESTIONS))}"),
        (1, "ask", lambda: f"/ask?q={quote(rng.choice(QUESTIONS))}"),
        (1, "static", lambda: "/static/style.css"),
    ]
    weights = [w for w, _, _ in makers]
    chosen = rng.choices(makers, weights=weights, k=count)
    return [(kind, make()) for _, kind, make in chosen]


def run_load(base: str, plan: list[tuple[str, str]], duration: float, workers: int) -> list[Result]:
    jobs: queue.Queue[tuple[float, str, str] | None] = queue.Queue()
    results: list[Result] = []
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    interval = duration / max(len(plan), 1)
    for i, (kind, path) in enumerate(plan):
        jobs.put((start + i * interval, kind, path))
    for _ in range(workers):
        jobs.put(None)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while (job := jobs.get()) is not None:
                due, kind, path = job
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                began = time.perf_counter()
                try:
                    response = client.get(path)
                    response.read()
                    result = Result(kind, path, response.status_code, time.perf_counter() - began)
                except httpx.HTTPError as error:
                    result = Result(kind, path, None, time.perf_counter() - began, repr(error))
                with lock:
                    results.append(result)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(results: list[Result], wall: float) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r.seconds * 1000)
    failed = [r for r in results if r.error or r.status != 200]

    def stats(ms: list[float]) -> dict:
        return {
            "n": len(ms),
            "p50_ms": round(percentile(ms, 0.50), 1),
            "p90_ms": round(percentile(ms, 0.90), 1),
            "p99_ms": round(percentile(ms, 0.99), 1),
            "max_ms": round(max(ms), 1),
            "mean_ms": round(statistics.fmean(ms), 1),
        }

    return {
        "requests": len(results),
        "seconds": round(wall, 2),
        "rate_per_s": round(len(results) / wall, 1),
        "errors": len(failed),
        "error_examples": [f"{r.status or r.error} {r.path}" for r in failed[:5]],
        "overall": stats([r.seconds * 1000 for r in results]),
        "by_kind": {k: stats(v) for k, v in sorted(by_kind.items())},
    }


def demo_store(folder: Path) -> Path:
    from storyline.pipeline.build import BuildOptions, build

    report = build([str(SAMPLES)], folder, options=BuildOptions(today=date(2026, 11, 1)))
    return Path(report.store_path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Store to serve (default: build the demo corpus).")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=20.0, help="Seconds to spread them on.")
    parser.add_argument("--workers", type=int, default=8, help="Client threads (connections).")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="storyline-load-") as folder:
        db = args.db or demo_store(Path(folder))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_until_up(base, server)
            plan = request_mix(base, args.requests)
            began = time.monotonic()
            results = run_load(base, plan, args.duration, args.workers)
            report = summary(results, time.monotonic() - began)
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{report['requests']} requests in {report['seconds']} s "
            f"({report['rate_per_s']}/s), {report['errors']} errors"
        )
        print(f"{'kind':8} {'n':>5} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for kind, s in [("all", report["overall"]), *report["by_kind"].items()]:
            print(
                f"{kind:8} {s['n']:>5} {s['p50_ms']:>8} {s['p90_ms']:>8} {s['p99_ms']:>8} "
                f"{s['max_ms']:>8}"
            )
        for example in report["error_examples"]:
            print("failed:", example)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
