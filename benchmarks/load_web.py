"""A load test of ``storyline serve`` on loopback: pages, API, search and ask, mixed.

    python benchmarks/load_web.py [--db out/storyline.db | --url http://127.0.0.1:8000]
                                  [--clients 50] [--duration 60] [--requests N] [--json]

The server runs in its own process (``storyline.web.serve`` under uvicorn, as ``storyline
serve`` runs it), started and warmed up here (``--db``), or already running (``--url``: e.g. an
older version, to compare); this process is the client. ``--clients`` threads, each with its
own keep-alive connection, send requests back to back for ``--duration`` seconds (a closed
loop: 50 clients are 50 requests in flight), or until ``--requests`` in all. Without ``--db``
or ``--url`` the demo corpus is built into a temporary folder first.

The mix is drawn from the store through the API: list pages at random offsets, the pages of
random sources, entities (the most named ones, whose pages are the heaviest), events and
stories, searches and questions. Prints the latency percentiles overall and per kind
(``page``, ``api``, ``search``, ``ask``, ``static``) and per route (the routes that held the
clients longest in all first: where the server's time goes), with each route's mean answer size
and, measured one request at a time after the load (``--no-cpu`` skips it), the server's CPU
milliseconds per request; exits 1 if any request failed (a transport error or a status other
than 200).

The 10,000-document store of benchmarks/results.md is ``storyline bench``'s corpus:

    python -c "from pathlib import Path; from storyline.bench import make_corpus; \
        make_corpus(10000, Path('../shared/eval'), Path('/tmp/corpus-10000.jsonl'))"
    storyline build /tmp/corpus-10000.jsonl --out /tmp/load10k --workers 2
    python benchmarks/load_web.py --db /tmp/load10k/storyline.db --clients 50 --duration 60
"""

from __future__ import annotations

import argparse
import json
import os
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
            "Kremlin", "visit*", "election NOT Ukraine", "police said", "government", "S-400",
            "India's", "earthquake", "company shares", "president"]  # fmt: skip
QUESTIONS = ["When did Modi call Putin?", "Who met Sergey Lavrov?", "How much was trade?",
             "What share of India's oil imports comes from Russia?",
             "When did the earthquake hit?", "Who was arrested?", "How many people died?",
             "Where did the president meet the prime minister?"]  # fmt: skip


@dataclass
class Result:
    kind: str
    path: str
    status: int | None
    seconds: float
    error: str | None = None
    size: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, cache: bool = True, workers: int = 1) -> subprocess.Popen:
    """``cache``: False serves every request from the store (no answers kept per view);
    ``workers``: server processes."""
    options = ("" if cache else ", cache_bytes=0") + (f", workers={workers}" if workers > 1 else "")
    code = (
        "import sys; from pathlib import Path; from storyline.web import serve; "
        f"serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]){options})"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds so far of a process and its children (the workers of
    ``--workers``): Linux /proc; None elsewhere."""
    total, found = 0.0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            found = True
    return total if found else None


def thread_cpu_ns(pid: int) -> dict[str, int]:
    """Nanoseconds on a CPU so far of each live thread of a process and of its children (the
    workers of ``--workers``), by thread id (Linux ``schedstat``: finer than ``cpu_seconds``'
    clock ticks, for one request's cost)."""
    pids = {str(pid)}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                pids.add(stat.parent.name)
        except OSError:
            continue
    found: dict[str, int] = {}
    for process in pids:
        for task in Path(f"/proc/{process}/task").glob("*/schedstat"):
            try:
                found[task.parent.name] = int(task.read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
    return found


def cpu_ms_between(before: dict[str, int], after: dict[str, int]) -> float:
    """CPU milliseconds the threads spent between two readings. A thread counts from zero when
    it is new; one that ended meanwhile is left out (the pool ends only idle threads)."""
    return sum(ns - before.get(tid, 0) for tid, ns in after.items()) / 1e6


def cpu_per_route(
    base: str, pid: int, plan: list[tuple[str, str]], samples: int = 5
) -> dict[str, dict]:
    """The server's CPU milliseconds per request of each route, one request at a time after
    the load (median of ``samples`` requests, over the route's first distinct URLs of the
    plan), and its answer's bytes. A ``_cpu`` parameter no route reads makes each request new
    to the server's answer cache: this is the cost of making the answer, not of replaying it."""
    by_route: dict[str, list[str]] = defaultdict(list)
    for _, path in plan:
        paths = by_route[route(path)]
        if len(paths) < samples and path not in paths:
            paths.append(path)
    out: dict[str, dict] = {}
    with httpx.Client(base_url=base, timeout=600) as client:
        for name, paths in by_route.items():
            costs, sizes = [], []
            for n in range(samples):
                path = paths[n % len(paths)]
                marked = f"{path}{'&' if '?' in path else '?'}_cpu={n}"
                before = thread_cpu_ns(pid)
                body = client.get(marked).content
                costs.append(cpu_ms_between(before, thread_cpu_ns(pid)))
                sizes.append(len(body))
            out[name] = {
                "cpu_ms": round(statistics.median(costs), 1),
                "bytes": round(statistics.fmean(sizes)),
            }
    return out


def wait_until_up(base: str, server: subprocess.Popen | None, timeout: float = 600.0) -> float:
    """Seconds until the server answers its overview (a store's indexes may be built first)."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if server is not None and server.poll() is not None:
            raise SystemExit(
                f"server exited: {server.stderr.read()[-2000:] if server.stderr else ''}"
            )
        try:
            if httpx.get(base + "/api/overview", timeout=600).status_code == 200:
                return time.monotonic() - began
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not come up")


def warm_ask(base: str) -> float:
    """Seconds the first question took: the ask index of a new store is built once (in the
    background from the server's start), and that build is not part of the load."""
    began = time.monotonic()
    response = httpx.get(base + "/api/ask", params={"q": QUESTIONS[0]}, timeout=900)
    if response.status_code != 200:
        raise SystemExit(f"the first question failed: {response.status_code}")
    return time.monotonic() - began


def _ids(client: httpx.Client, path: str, key: str, total: int, pages: int, rng: random.Random,
         inner: str | None = None) -> list[str]:  # fmt: skip
    """Ids from a list endpoint, a page at random offsets (an older server ignores paging
    and sends everything: the ids are then sampled from that)."""
    found: list[str] = []
    for _ in range(pages):
        offset = rng.randrange(max(total, 1))
        data = client.get(path, params={"limit": 100, "offset": offset}).json()
        items = data[inner] if inner else data
        found += [str(item[key]) for item in items]
    return list(dict.fromkeys(found))


def request_mix(base: str, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, path) for every request: the ids come from the API itself."""
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=600) as client:
        counts = client.get("/api/overview").json()["counts"]
        sources = _ids(client, "/api/sources", "id", counts["documents"], 5, rng, "sources")
        entities = [e["id"] for e in client.get("/api/entities", params={"limit": 20}).json()]
        entities += _ids(client, "/api/entities", "id", counts["entities"], 3, rng)
        events = _ids(client, "/api/timeline", "event_id", counts["timeline"], 3, rng, "entries")
        stories = _ids(client, "/api/stories", "id", counts["stories"], 2, rng)
    pages = {name: max(1, -(-counts[key] // 50)) for name, key in (
        ("sources", "documents"), ("entities", "entities"), ("timeline", "timeline"),
        ("stories", "stories"), ("figures", "figure_groups"))}  # fmt: skip

    def pick(items: list[str], fallback: str) -> str:
        return quote(rng.choice(items), safe="") if items else fallback

    def page(name: str) -> int:
        return rng.randint(1, pages[name])

    makers = [
        (10, "page", lambda: "/"),
        (6, "page", lambda: "/timeline"),
        (3, "page", lambda: f"/timeline?page={page('timeline')}"),
        (4, "page", lambda: "/timeline?type=CONSULT&start=2024"),
        (6, "page", lambda: f"/sources/{pick(sources, 'x')}"),
        (3, "page", lambda: "/sources"),
        (2, "page", lambda: f"/sources?page={page('sources')}"),
        (4, "page", lambda: f"/entities/{pick(entities, 'x')}"),
        (2, "page", lambda: "/entities"),
        (1, "page", lambda: f"/entities?page={page('entities')}"),
        (3, "page", lambda: f"/figures?page={page('figures')}"),
        (3, "page", lambda: f"/events/{pick(events, 'x')}"),
        (2, "page", lambda: f"/stories/{pick(stories, 'x')}"),
        (1, "page", lambda: f"/stories?page={page('stories')}"),
        (8, "api", lambda: "/api/overview"),
        (6, "api", lambda: f"/api/timeline?offset={50 * (page('timeline') - 1)}"),
        (6, "api", lambda: f"/api/sources/{pick(sources, 'x')}"),
        (4, "api", lambda: f"/api/entities/{pick(entities, 'x')}"),
        (2, "api", lambda: f"/api/sources?offset={50 * (page('sources') - 1)}"),
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


def run_load(base: str, plan: list[tuple[str, str]], duration: float, clients: int) -> list[Result]:
    """``clients`` threads send the planned requests back to back (each takes the next one
    when its last answer came), for ``duration`` seconds or until the plan runs out."""
    results: list[Result] = []
    lock = threading.Lock()
    position = iter(range(len(plan)))
    stop_at = time.monotonic() + duration

    def client_loop() -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.monotonic() < stop_at:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                kind, path = plan[index]
                began = time.perf_counter()
                try:
                    response = client.get(path)
                    body = response.read()
                    result = Result(
                        kind, path, response.status_code, time.perf_counter() - began, None,
                        len(body),
                    )  # fmt: skip
                except httpx.HTTPError as error:
                    result = Result(kind, path, None, time.perf_counter() - began, repr(error))
                with lock:
                    results.append(result)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def route(path: str) -> str:
    """A request's route: ids and query values left out (``/sources/{id}``, ``/timeline?page``),
    so the routes that take the server's time can be told apart."""
    base, _, query = path.partition("?")
    parts = base.split("/")
    if len(parts) > 2 and parts[-2] in {"sources", "entities", "events", "stories"}:
        parts[-1] = "{id}"
    keys = sorted(part.split("=")[0] for part in query.split("&") if part)
    return "/".join(parts) + ("?" + "&".join(keys) if keys else "")


def summary(results: list[Result], wall: float) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    by_route: dict[str, list[float]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r.seconds * 1000)
        by_route[route(r.path)].append(r.seconds * 1000)
    failed = [r for r in results if r.error or r.status != 200]

    sizes: dict[str, list[int]] = defaultdict(list)
    for r in results:
        sizes[route(r.path)].append(r.size)

    def stats(ms: list[float], name: str | None = None) -> dict:
        return {
            "n": len(ms),
            **({"bytes": round(statistics.fmean(sizes[name]))} if name else {}),
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
        # the routes that held the clients longest in all, first
        "by_route": {
            k: stats(v, k) for k, v in sorted(by_route.items(), key=lambda kv: -sum(kv[1]))
        },
    }


def demo_store(folder: Path) -> Path:
    from storyline.pipeline.build import BuildOptions, build

    report = build([str(SAMPLES)], folder, options=BuildOptions(today=date(2026, 11, 1)))
    return Path(report.store_path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="Store to serve (default: build the demo corpus).")
    parser.add_argument("--url", help="Load a server that is already running at this address.")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients.")
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds of load.")
    parser.add_argument("--requests", type=int, default=100_000, help="At most this many.")
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    parser.add_argument("--workers", type=int, default=1, help="Server processes (with --db).")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="Serve every request from the store (the server keeps no answers per view; the "
        "mix repeats URLs, so this is the cost of distinct requests).",
    )
    parser.add_argument(
        "--no-cpu",
        action="store_true",
        help="Skip measuring each route's server CPU one request at a time after the load.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="storyline-load-") as folder:
        server = None
        if args.url:
            base = args.url.rstrip("/")
        else:
            db = args.db or demo_store(Path(folder))
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = start_server(db, port, cache=not args.no_cache, workers=args.workers)
        try:
            startup = wait_until_up(base, server)
            ask_ready = warm_ask(base)
            plan = request_mix(base, args.requests)
            load_before = os.getloadavg()
            server_cpu = cpu_seconds(server.pid) if server is not None else None
            client_cpu = time.process_time()
            began = time.monotonic()
            results = run_load(base, plan, args.duration, args.clients)
            report = summary(results, time.monotonic() - began)
            # where the two cores went: the server, this client, and everything else
            report["cpu_s"] = {
                "client": round(time.process_time() - client_cpu, 1),
                "server": round(cpu_seconds(server.pid) - server_cpu, 1)
                if server is not None and server_cpu is not None
                else None,
            }
            if server is not None and not args.no_cpu:
                cpu = cpu_per_route(base, server.pid, plan)
                for name, measured in cpu.items():
                    if name in report["by_route"]:
                        report["by_route"][name]["cpu_ms"] = measured["cpu_ms"]
            report["startup_s"] = round(startup, 1)
            report["first_ask_s"] = round(ask_ready, 1)
            report["clients"] = args.clients
            report["cache"] = not args.no_cache
            report["workers"] = args.workers
            report["machine"] = {
                "cpus": os.cpu_count(),
                "load_before": [round(v, 2) for v in load_before],
                "load_after": [round(v, 2) for v in os.getloadavg()],
            }
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(15)
                except subprocess.TimeoutExpired:
                    server.kill()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{report['requests']} requests from {args.clients} clients in {report['seconds']} s "
            f"({report['rate_per_s']}/s), {report['errors']} errors; server up in "
            f"{report['startup_s']} s, first answer after {report['first_ask_s']} s more; "
            f"{report['machine']['cpus']} CPUs, load average {report['machine']['load_before']}"
            f" before, {report['machine']['load_after']} after; CPU seconds during the load: "
            f"server {report['cpu_s']['server']}, client {report['cpu_s']['client']}"
        )
        print(f"{'kind':8} {'n':>6} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for kind, s in [("all", report["overall"]), *report["by_kind"].items()]:
            print(
                f"{kind:8} {s['n']:>6} {s['p50_ms']:>8} {s['p90_ms']:>8} {s['p99_ms']:>8} "
                f"{s['max_ms']:>8}"
            )
        print("routes, those that held the clients longest in all first (bytes: mean answer; "
              "cpu ms: the server's, one request at a time after the load):")  # fmt: skip
        print(f"  {'route':28} {'n':>6} {'bytes':>10} {'cpu ms':>7} {'p50 ms':>8} {'p99 ms':>8}")
        for name, s in report["by_route"].items():
            print(f"  {name:28} {s['n']:>6} {s['bytes']:>10,} {s.get('cpu_ms', '-'):>7} "
                  f"{s['p50_ms']:>8} {s['p99_ms']:>8}")  # fmt: skip
        for example in report["error_examples"]:
            print("failed:", example)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
