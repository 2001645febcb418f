"""Bytes and server CPU per request of web routes, one request at a time, in process.

    python benchmarks/route_cpu.py STORE [URL ...] [--repeat 5] [--profile URL]
                                   [--save DIR]

With 50 clients in a closed loop the server's p99 is the line for the CPU, so what a route
costs is its CPU per request: this measures it without the load generator, the network or
the answer cache (``cache_bytes=0``: every request is worked out). Each URL is asked
``--repeat`` times after one warm-up request; the median process CPU (``time.process_time``:
the server's threads and SQLite, not the wall clock of a shared machine) is printed with the
answer's size. ``--save DIR`` writes each answer's bytes there (to compare two versions'
pages byte for byte); ``--profile URL`` prints that request's top functions by cumulative time.
Without URLs it measures the routes issue 19 names on this store.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.web import create_app

DEFAULT_URLS = [
    "/",
    "/stories",
    "/stories?page=2",
    "/api/storylines",
    "/api/storylines?offset=20",
    "/sources",
    "/timeline",
    "/entities/gpe:united-states",
    "/api/ask?q=Who+met+Sergey+Lavrov%3F",
    "/ask?q=How+much+was+trade%3F",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", help="a URL to profile (cProfile, cumulative time)")
    parser.add_argument("--save", type=Path, help="write each answer's bytes to this folder")
    args = parser.parse_args()
    app = create_app(args.store, cache_bytes=0)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.get("/api/ask", params={"q": "Who met?"})  # builds the ask index once
        if args.profile:
            client.get(args.profile)
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(args.profile)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            return 0
        for url in args.urls or DEFAULT_URLS:
            answer = client.get(url)
            times = []
            for _ in range(args.repeat):
                start = time.process_time()
                answer = client.get(url)
                times.append((time.process_time() - start) * 1000)
            digest = hashlib.sha256(answer.content).hexdigest()[:12]
            print(
                f"{url:50} {answer.status_code} {len(answer.content):>10,} B"
                f" {statistics.median(times):7.1f} ms CPU  {digest}",
                flush=True,
            )
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(url.encode()).hexdigest()[:16]
                (args.save / name).write_bytes(answer.content)
    return 0


if __name__ == "__main__":
    sys.exit(main())
