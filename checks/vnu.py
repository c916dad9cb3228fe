"""The Nu Html Checker (vnu.jar), run once over every HTML page and the project's CSS in one JVM.

Errors and warnings both fail the run (target: 0 errors, 0 warnings). A checker that cannot run is a
TOOL failure with a plain message, never a validation message.
"""
from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import tools
from .data import load_yaml
from .report import CheckResult, Finding
from .site import Site, page_path

NAME = "vnu"
INSTALL_JAVA = ("install Java 17 or newer (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`) "
                "or set CHANGWAT_JAVA to the java program")


def jar_version(jar) -> str:
    """Read the version from the jar's manifest: no second JVM start just to ask."""
    with zipfile.ZipFile(jar) as z:
        manifest = z.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    m = re.search(r"^Implementation-Version:\s*(\S+)", manifest, re.M)
    return m.group(1) if m else ""


def own_css(site: Site, third_party: list[str]) -> list:
    return [p for p in site.files(".css") if not any(fnmatch.fnmatchcase(site.rel(p), g) for g in third_party)]


def rule_of(message: str) -> str:
    """The checker has no rule ids: make a stable one from the message with its quoted parts removed."""
    text = re.sub(r"“[^”]*”", " ", message)
    words = re.findall(r"[a-z]+", text.lower())
    stop = {"the", "a", "an", "of", "in", "this", "for", "is", "be", "to", "at", "on"}
    words = [w for w in words if w not in stop][:4]
    return "-".join(words) or "message"


def run(site: Site) -> CheckResult:
    start = time.monotonic()
    result = CheckResult(NAME)
    try:
        _run(site, result)
    finally:
        result.seconds = time.monotonic() - start
    return result


def _run(site: Site, result: CheckResult) -> None:
    settings = load_yaml("vnu.yml") or {}
    java = tools.java()
    if not java:
        result.tool_failure("Java was not found, so the HTML checker (vnu.jar) cannot run.", INSTALL_JAVA)
        return
    jar = tools.vnu_jar()
    if not jar.is_file():
        result.tool_failure(f"The HTML checker {jar} is missing.", tools.INSTALL_NPM)
        return
    want = tools.pinned("vnu-jar")
    try:
        have = jar_version(jar)
    except (OSError, zipfile.BadZipFile, KeyError) as e:
        result.tool_failure(f"The HTML checker {jar} is not a readable jar ({e}).", tools.INSTALL_NPM)
        return
    if have != want:
        result.tool_failure(f"The HTML checker is version {have or 'unknown'}, but package.json pins {want}: "
                            "an old checker passing is not a pass.", tools.INSTALL_NPM)
        return
    result.notes.append(f"Nu Html Checker {have} ({jar})")

    css = own_css(site, settings.get("third_party_css", []))
    skipped = len(site.files(".css")) - len(css)
    if skipped:
        result.notes.append(f"{skipped} third-party theme CSS file(s) not checked as CSS (see checks/vnu.yml)")
    result.notes.append("the checker's info messages (advice, not errors or warnings) are left out: --skip-info-messages")
    files = [str(p) for p in site.html_files] + [str(p) for p in css]
    result.pages_checked = len(files)
    if not files:
        result.tool_failure(f"No HTML files were found in {site.root}.", "build the site first (mkdocs build) "
                            "and pass its folder with --site")
        return
    # -Xss: deeply nested pages overflow the JVM's default thread stack in the checker's parser.
    # --exit-zero-always: validation messages never change the exit code, so any non-zero exit
    # means the checker itself broke. --stdout keeps the JSON apart from JVM noise on stderr.
    cmd = [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always",
           "--skip-info-messages", "--also-check-css", *files]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=settings.get("timeout", 900))
    except FileNotFoundError:
        result.tool_failure(f"Java was not found at {java!r}, so the HTML checker cannot run.", INSTALL_JAVA)
        return
    except PermissionError:
        result.tool_failure(f"{java!r} cannot be run (permission denied).", INSTALL_JAVA)
        return
    except subprocess.TimeoutExpired:
        result.tool_failure("The HTML checker did not finish in time.", "re-run; if it hangs again, report it "
                            "with the Java version (java -version)")
        return
    tail = (proc.stderr or "").strip()[-600:]
    if proc.returncode != 0:
        result.tool_failure(f"The HTML checker (Java) stopped with exit code {proc.returncode}: {tail or 'no message'}",
                            f"check that Java 17 or newer works (`{java} -version`); otherwise {INSTALL_JAVA}")
        return
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError, TypeError):
        result.tool_failure("The HTML checker's output was not the JSON report expected: "
                            f"{(proc.stdout or '').strip()[:300] or tail or 'empty output'}",
                            f"check the Java install (`{java} -version`) and the jar ({tools.INSTALL_NPM})")
        return
    for m in messages:
        finding = _finding(site, m)
        if finding:
            result.findings.append(finding)


def _finding(site: Site, m: dict) -> Finding | None:
    kind, sub = m.get("type"), m.get("subType")
    text = m.get("message", "")
    path = unquote(urlsplit(m.get("url", "")).path)
    try:
        page = page_path(site.rel(Path(path))) if path else ""
    except ValueError:
        page = path
    if kind == "non-document-error":
        return Finding(NAME, page, "tool-failure", f"The HTML checker could not check this file: {text}",
                       severity="tool", fix="check that the file exists and is readable; re-build the site")
    if kind == "info" and sub != "warning":
        return None  # only reachable without --skip-info-messages
    extract = m.get("extract") or ""
    hs, hl = m.get("hiliteStart"), m.get("hiliteLength")
    element = extract[hs:hs + hl] if isinstance(hs, int) and isinstance(hl, int) and hl else extract
    severity = "error" if kind == "error" else "warning"
    return Finding(NAME, page, rule_of(text), text, element.strip(), m.get("lastLine") or m.get("firstLine"),
                   severity=severity, blocking=True)
