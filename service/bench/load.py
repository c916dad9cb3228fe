"""Load benchmark (not a test): many concurrent form posts to a real server on loopback, then a count of what
was stored. Reports requests per second and p95 latency for SQLite and PostgreSQL, and fails (exit 1) on any
lost or duplicated submission.

    .venv/bin/python service/bench/load.py [--requests 2000] [--concurrency 32] [--backend sqlite|postgresql|both]

Only 127.0.0.1 is used; request count, concurrency and time are capped.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

SERVICE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SERVICE))

import httpx  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402

from changwat_service.db import Database, migrate  # noqa: E402
from changwat_service.models import Case  # noqa: E402

HOST = "127.0.0.1"
MAX_REQUESTS, MAX_CONCURRENCY = 20_000, 256


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def postgres_url() -> tuple[str, callable]:
    out = subprocess.run(["bash", str(SERVICE / "scripts" / "ensure-postgres.sh")], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    name = f"changwat_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(out, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return out.rsplit("/", 1)[0] + f"/{name}", drop


async def fire(base: str, n: int, concurrency: int, run: str, deadline: float):
    latencies: list[float] = []
    codes: list[str] = []
    failures: Counter = Counter()
    attempted: list[int] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            while time.monotonic() < deadline:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                kind = "question" if i % 2 else "complaint"
                started = time.perf_counter()
                try:
                    r = await client.post(f"/{'en' if i % 3 else 'th'}/{kind}", data={
                        "subject": f"Load test {i}", "body": f"{run}:{i} ถนนชำรุด <b>ทดสอบ</b>", "consent": "yes",
                        "email": f"load{i}@example.com"}, headers={"Accept": "application/json"})
                    latencies.append(time.perf_counter() - started)
                    attempted.append(i)
                    if r.status_code == 201:
                        codes.append(r.json()["code"])
                    else:
                        failures[r.status_code] += 1
                except httpx.HTTPError as e:
                    attempted.append(i)
                    failures[type(e).__name__] += 1
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, codes, failures, wall, attempted


def bench(backend: str, n: int, concurrency: int, time_limit: float) -> dict:
    cleanup = None
    tmp = tempfile.TemporaryDirectory()
    if backend == "sqlite":
        url = f"sqlite:///{tmp.name}/bench.sqlite3"
    else:
        url, cleanup = postgres_url()
    migrate(url)
    port = free_port()
    env = {**os.environ, "CHANGWAT_SERVICE_SECRET": uuid.uuid4().hex * 2, "CHANGWAT_SERVICE_DB_URL": url,
           "CHANGWAT_SERVICE_RATE_LIMITS": "off", "CHANGWAT_SERVICE_COOKIE_SECURE": "0",
           "PYTHONPATH": str(SERVICE)}
    server = subprocess.Popen([sys.executable, "-m", "changwat_service", "serve", "--host", HOST, "--port", str(port),
                               "--log-level", "warning"], env=env)
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        run = uuid.uuid4().hex[:8]
        latencies, codes, failures, wall, attempted = asyncio.run(
            fire(base, n, concurrency, run, time.monotonic() + time_limit))
    finally:
        server.terminate()
        server.wait(timeout=30)
    db = Database(url)
    with db.read() as s:
        bodies = [b for (b,) in s.execute(select(Case.body)).all()]
        stored_codes = [c for (c,) in s.execute(select(Case.code)).all()]
    db.dispose()
    if cleanup:
        cleanup()
    tmp.cleanup()
    markers = Counter(b.split(" ", 1)[0] for b in bodies if b.startswith(run + ":"))
    sent = len(attempted)
    return {
        "backend": backend, "requests": sent, "accepted": len(codes), "failures": dict(failures),
        "stored": len(bodies), "duplicates": sum(c - 1 for c in markers.values() if c > 1),
        # Lost: the server answered 201 with a code and no row has it. Transport errors count as failures.
        "lost": len(set(codes) - set(stored_codes)),
        "codes_unique": len(set(codes)) == len(codes) and set(codes) <= set(stored_codes),
        "rps": sent / wall if wall else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95_ms": statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) >= 20 else 0.0,
        "wall_s": wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per backend (at most 300)")
    args = parser.parse_args()
    n = max(1, min(args.requests, MAX_REQUESTS))
    concurrency = max(1, min(args.concurrency, MAX_CONCURRENCY))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = True
    print(f"{n} form posts per backend, {concurrency} concurrent clients, one uvicorn worker on {HOST}")
    print(f"{'backend':<11} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'sent':>6} {'stored':>7} {'lost':>5} "
          f"{'dup':>4}  failures")
    for backend in backends:
        r = bench(backend, n, concurrency, min(args.time_limit, 300))
        print(f"{r['backend']:<11} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['requests']:>6} "
              f"{r['stored']:>7} {str(r['lost']):>5} {r['duplicates']:>4}  {r['failures'] or '-'}")
        ok &= (r["lost"] == 0 and r["duplicates"] == 0 and r["stored"] == r["accepted"] == n and r["codes_unique"])
    print("zero lost, zero duplicated" if ok else "LOST OR DUPLICATED SUBMISSIONS (or the time limit cut the run)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
