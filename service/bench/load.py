"""Load benchmark (not a test): many concurrent form posts to a real server on loopback, then as many reads of
the status page for the codes it answered, then a count of what was stored. Reports requests per second and
p95 latency of each phase for SQLite and PostgreSQL, with one or more worker processes on one port, and fails
(exit 1) on any lost or duplicated submission.

    .venv/bin/python service/bench/load.py [--requests 2000] [--concurrency 32] [--backend sqlite|postgresql|both]
                                           [--workers 1,4] [--status-requests N]

"cpu ms" is the service processes' CPU time per request (user + system, all workers), "db ms" the PostgreSQL
backends' for this run's database, "client" the load generator's: the figures to size with, since requests per
second also measure whatever else the machine is doing. The workers are uvicorn's (`--workers N`, deploy/changwat_asgi.py), as deploy/compose.yml runs them. Only
127.0.0.1 is used; request count, concurrency and time are capped. The machine's load average is printed with
each run: the figures mean little on a busy machine.
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
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

SERVICE = Path(__file__).resolve().parents[1]
DEPLOY = SERVICE.parent / "deploy"
sys.path.insert(0, str(SERVICE))

import httpx  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402

from changwat_service.db import Database, migrate  # noqa: E402
from changwat_service.models import Case  # noqa: E402

HOST = "127.0.0.1"
MAX_REQUESTS, MAX_CONCURRENCY, MAX_WORKERS = 20_000, 256, 16


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


async def read_status(base: str, codes: list[str], n: int, concurrency: int, deadline: float):
    """The status page as a citizen opens it: GET /{lang}/status?code=… for codes the service gave out."""
    latencies: list[float] = []
    failures: Counter = Counter()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n if codes else 0):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            while time.monotonic() < deadline:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                code = codes[i % len(codes)]
                started = time.perf_counter()
                try:
                    r = await client.get(f"/{'en' if i % 3 else 'th'}/status", params={"code": code})
                    latencies.append(time.perf_counter() - started)
                    if r.status_code != 200 or code not in r.text:
                        failures[r.status_code] += 1
                except httpx.HTTPError as e:
                    latencies.append(time.perf_counter() - started)
                    failures[type(e).__name__] += 1
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return latencies, failures, wall


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and its descendants (Linux /proc): the service's own cost per request,
    which a busy machine slows down but does not change, unlike requests per second."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += int(stats[pid][11]) + int(stats[pid][12])  # utime, stime
        todo += children.get(pid, [])
    return total / os.sysconf("SC_CLK_TCK")


class DatabaseCpu:
    """CPU time of the PostgreSQL backends serving one database, sampled every 0.1 s while a phase runs, so the
    connections the pool opens and closes in between are counted too (all but their last tenth of a second).
    Only backends of this run's own database: other work on the same server is left out."""

    def __init__(self, db_name: str | None):
        self.db_name, self.first, self.last = db_name, {}, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, initial: bool = False) -> None:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if (entry / "comm").read_text().strip() != "postgres":
                    continue
                if f" {self.db_name} ".encode() not in (entry / "cmdline").read_bytes():
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks = int(fields[11]) + int(fields[12])
            pid = int(entry.name)
            self.first.setdefault(pid, ticks if initial else 0)
            self.last[pid] = ticks

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self._sample()

    def __enter__(self):
        if self.db_name:
            self._sample(initial=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self.db_name:
            self._stop.set()
            self._thread.join()
            self._sample()

    @property
    def seconds(self) -> float:
        return sum(self.last[p] - self.first[p] for p in self.last) / os.sysconf("SC_CLK_TCK")


def p95(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) >= 20 else 0.0


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "CHANGWAT_SERVICE_SECRET": uuid.uuid4().hex * 2, "CHANGWAT_SERVICE_DB_URL": url,
           "CHANGWAT_SERVICE_RATE_LIMITS": "off", "CHANGWAT_SERVICE_COOKIE_SECURE": "0",
           "PYTHONPATH": os.pathsep.join([str(SERVICE), str(DEPLOY)])}
    # The same command for one worker and for several, so the two differ only in the number of processes.
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "--app-dir", str(DEPLOY), "--factory", "changwat_asgi:app",
                             "--workers", str(workers), "--host", HOST, "--port", str(port), "--no-server-header",
                             "--timeout-keep-alive", "30", "--log-level", "warning"], env=env)


def bench(backend: str, n: int, concurrency: int, time_limit: float, workers: int = 1,
          status_requests: int | None = None) -> dict:
    cleanup = None
    tmp = tempfile.TemporaryDirectory()
    if backend == "sqlite":
        url = f"sqlite:///{tmp.name}/bench.sqlite3"
    else:
        url, cleanup = postgres_url()
    migrate(url)
    port = free_port()
    server = start_server(url, port, workers)
    base = f"http://{HOST}:{port}"
    load_before = os.getloadavg()
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        time.sleep(1.0 if workers > 1 else 0)  # let every worker finish importing before the clock starts
        run = uuid.uuid4().hex[:8]
        db_name = None if backend == "sqlite" else url.rsplit("/", 1)[1]
        cpu0, own0 = tree_cpu_seconds(server.pid), sum(os.times()[:2])
        with DatabaseCpu(db_name) as post_db:
            latencies, codes, failures, wall, attempted = asyncio.run(
                fire(base, n, concurrency, run, time.monotonic() + time_limit))
        cpu1 = tree_cpu_seconds(server.pid)
        with DatabaseCpu(db_name) as status_db:
            s_latencies, s_failures, s_wall = asyncio.run(
                read_status(base, codes, n if status_requests is None else status_requests, concurrency,
                            time.monotonic() + time_limit))
        cpu2, own2 = tree_cpu_seconds(server.pid), sum(os.times()[:2])
        load_after = os.getloadavg()
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
        "backend": backend, "workers": workers, "requests": sent, "accepted": len(codes), "failures": dict(failures),
        "stored": len(bodies), "duplicates": sum(c - 1 for c in markers.values() if c > 1),
        # Lost: the server answered 201 with a code and no row has it. Transport errors count as failures.
        "lost": len(set(codes) - set(stored_codes)),
        "codes_unique": len(set(codes)) == len(codes) and set(codes) <= set(stored_codes),
        "rps": sent / wall if wall else 0.0,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95_ms": p95(latencies),
        "wall_s": wall,
        "status_requests": len(s_latencies), "status_failures": dict(s_failures),
        "status_rps": len(s_latencies) / s_wall if s_wall else 0.0,
        "status_p50_ms": statistics.median(s_latencies) * 1000 if s_latencies else 0.0,
        "status_p95_ms": p95(s_latencies),
        "load_before": load_before, "load_after": load_after,
        "post_cpu_ms": (cpu1 - cpu0) * 1000 / max(1, len(latencies)),
        "status_cpu_ms": (cpu2 - cpu1) * 1000 / max(1, len(s_latencies)),
        "post_db_cpu_ms": post_db.seconds * 1000 / max(1, len(latencies)),
        "status_db_cpu_ms": status_db.seconds * 1000 / max(1, len(s_latencies)),
        # The load generator shares the machine: its CPU per request says how much of the machine it took.
        "client_cpu_ms": (own2 - own0) * 1000 / max(1, len(latencies) + len(s_latencies)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per backend (at most 300)")
    parser.add_argument("--workers", default="1", help="worker processes, or a comma list to compare (e.g. 1,4)")
    parser.add_argument("--status-requests", type=int, help="status page reads after the posts (default: --requests)")
    args = parser.parse_args()
    n = max(1, min(args.requests, MAX_REQUESTS))
    concurrency = max(1, min(args.concurrency, MAX_CONCURRENCY))
    worker_counts = [max(1, min(int(w), MAX_WORKERS)) for w in args.workers.split(",") if w.strip()]
    status_n = None if args.status_requests is None else max(0, min(args.status_requests, MAX_REQUESTS))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = True
    print(f"{n} form posts per run, then {n if status_n is None else status_n} status page reads; {concurrency} "
          f"concurrent clients; uvicorn workers on {HOST}; {os.cpu_count()} CPUs")
    print(f"{'backend':<11} {'wrk':>3} {'post/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>6} {'db ms':>6} "
          f"{'status/s':>8} {'p95 ms':>7} {'cpu ms':>6} {'db ms':>6} {'client':>6} {'sent':>6} {'stored':>7} {'lost':>5} {'dup':>4}  {'load before → after':<22} "
          f"failures")
    for backend in backends:
        for workers in worker_counts:
            r = bench(backend, n, concurrency, min(args.time_limit, 300), workers, status_n)
            load = f"{r['load_before'][0]:.2f} → {r['load_after'][0]:.2f}"
            fails = {**r["failures"], **{f"status {k}": v for k, v in r["status_failures"].items()}}
            print(f"{r['backend']:<11} {workers:>3} {r['rps']:>7.1f} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} "
                  f"{r['post_cpu_ms']:>6.2f} {r['post_db_cpu_ms']:>6.2f} {r['status_rps']:>8.1f} "
                  f"{r['status_p95_ms']:>7.1f} {r['status_cpu_ms']:>6.2f} {r['status_db_cpu_ms']:>6.2f} {r['client_cpu_ms']:>6.2f} {r['requests']:>6} {r['stored']:>7} "
                  f"{str(r['lost']):>5} {r['duplicates']:>4}  {load:<22} {fails or '-'}", flush=True)
            ok &= (r["lost"] == 0 and r["duplicates"] == 0 and r["stored"] == r["accepted"] == n
                   and r["codes_unique"] and not r["status_failures"])
    print("zero lost, zero duplicated" if ok else "LOST OR DUPLICATED SUBMISSIONS (or the time limit cut the run)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
