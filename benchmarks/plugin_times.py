"""Where a build's time goes, plugin by plugin, without a profiler's overhead.

    python -m benchmarks.plugin_times OUT.json build -f mkdocs.yml ...   (any `mkdocs` arguments)

Every plugin event and MkDocs' own page stages are timed; each timer keeps only its own (exclusive) time, since
mkdocs-static-i18n runs the other languages' whole builds inside its on_post_build, which would otherwise count
everything twice.
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

totals: dict[str, float] = defaultdict(float)
_stack: list[float] = []        # time spent in nested timers, per open timer


def _timed(key: str, call, *args, **kwargs):
    _stack.append(0.0)
    started = time.perf_counter()
    try:
        return call(*args, **kwargs)
    finally:
        elapsed = time.perf_counter() - started
        nested = _stack.pop()
        totals[key] += elapsed - nested
        if _stack:
            _stack[-1] += elapsed


def install() -> None:
    from mkdocs.commands import build
    from mkdocs.plugins import PluginCollection

    def run_event(self, name, item=None, **kwargs):
        # mkdocs.plugins.PluginCollection.run_event, with a timer around each plugin's method.
        pass_item = item is not None
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")
            key = f"{self._current_plugin} on_{name}"
            result = _timed(key, method, item, **kwargs) if pass_item else _timed(key, method, **kwargs)
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    PluginCollection.run_event = run_event
    for stage, label in (("_populate_page", "MkDocs: Markdown to HTML"), ("_build_page", "MkDocs: page templates"),
                         ("_build_theme_template", "MkDocs: theme templates (sitemap.xml, 404)")):
        original = getattr(build, stage)
        setattr(build, stage, lambda *a, _o=original, _k=label, **k: _timed(_k, _o, *a, **k))


def main() -> None:
    out = Path(sys.argv[1])
    started = time.perf_counter()

    def write():
        total = time.perf_counter() - started
        timed = dict(totals)
        timed["MkDocs: everything else (config, files, nav, copying)"] = total - sum(timed.values())
        out.write_text(json.dumps({"total": total, "parts": timed}, indent=1), encoding="utf-8")

    atexit.register(write)
    install()
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()


def measure(config: Path, site_dir: Path, *mkdocs_args: str) -> dict:
    """Runs `mkdocs build <mkdocs_args> -f config -d site_dir` timed per plugin; {"total", "parts"}."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "times.json"
        # root first, and whatever PYTHONPATH already held (a worktree using another checkout's venv).
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": os.pathsep.join(p for p in (str(root), os.environ.get("PYTHONPATH")) if p)}
        env.pop("CHANGWAT_SERVICE_URL", None)
        subprocess.run([sys.executable, "-m", "benchmarks.plugin_times", str(out), "build", "--quiet", *mkdocs_args,
                        "-f", str(config), "-d", str(site_dir)], cwd=config.parent, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return json.loads(out.read_text(encoding="utf-8"))


def by_plugin(parts: dict[str, float]) -> dict[str, float]:
    """Events summed per plugin ("changwat-search on_post_page" -> "changwat-search")."""
    summed: dict[str, float] = defaultdict(float)
    for key, seconds in parts.items():
        summed[key.rsplit(" on_", 1)[0] if " on_" in key else key] += seconds
    return dict(sorted(summed.items(), key=lambda kv: -kv[1]))


if __name__ == "__main__":
    main()
