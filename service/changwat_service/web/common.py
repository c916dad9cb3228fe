"""What every endpoint needs: reading form or JSON bodies, answering as JSON or HTML, client identity."""

from __future__ import annotations

import ipaddress
import json
import re
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from .. import LANGUAGES, logs, site_snippets_dir
from ..dates import human_datetime, machine_datetime
from ..i18n import t
from ..validation import Error

# Here because every way of running the app imports this module (our `serve`, the uvicorn command, a
# process manager's workers), each before its server writes the first access line.
logs.install()

PACKAGE = Path(__file__).resolve().parent.parent
SNIPPETS = site_snippets_dir()
MULTI = {"sections"}
MAX_JSON_DEPTH = 8  # the forms send a flat object with one list: deeper is not one of ours
TOO_DEEP = (f"ข้อมูล JSON ซ้อนกันเกิน {MAX_JSON_DEPTH} ชั้น กรุณาส่งเป็นออบเจกต์ชั้นเดียว\n"
            f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep: send one flat object.\n")
SERVER_ERROR = ("ขออภัย ระบบขัดข้อง ข้อมูลที่ส่งอาจยังไม่ถูกบันทึก กรุณาลองใหม่ภายหลัง\n"
                "Sorry, something went wrong on our side. What you sent may not have been saved: "
                "please try again later.\n")
_STRINGS = re.compile(rb'"(?:\\.|[^"\\])*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def environment() -> Environment:
    loader = ChoiceLoader([FileSystemLoader(PACKAGE / "templates"),
                           PrefixLoader({"snippets": FileSystemLoader(SNIPPETS)})])
    return Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def settings(request: Request):
    return request.app.state.settings


def db(request: Request):
    return request.app.state.db


async def read_values(request: Request) -> dict:
    """Form (urlencoded or multipart) or JSON object, as {name: str} plus lists for multi-valued fields.
    Anything not a string (a file, a nested object) is dropped rather than coerced into something odd."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        raw = await request.body()
        if json_depth(raw) > MAX_JSON_DEPTH:
            raise HTTPException(400, TOO_DEEP)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
        if not isinstance(data, dict):
            return {}
        items = data.items()
    else:
        form = await request.form(max_files=0, max_fields=40, max_part_size=64 * 1024)
        items = [(k, form.getlist(k) if k in MULTI else form.get(k)) for k in form.keys()]
    values = {}
    for key, value in items:
        if key in MULTI:
            value = value if isinstance(value, list) else [value]
            values[key] = [v for v in value if isinstance(v, str)]
        elif isinstance(value, bool):
            values[key] = "yes" if value else ""
        elif isinstance(value, (str, int)):
            values[key] = str(value)
    return values


def json_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest, strings skipped: checked before parsing, because the parser
    recurses once per level and a body of 30,000 "[" ends in RecursionError (a 500) rather than a refusal."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b'""', raw)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def server_error() -> Response:
    """The answer when a request failed in our own code: no detail, in both languages (we may not know which)."""
    return PlainTextResponse(SERVER_ERROR, status_code=500)


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept or request.headers.get("content-type", "").startswith("application/json")


def client_address(request: Request) -> str:
    """The peer's address; behind a trusted proxy, the right-most X-Forwarded-For hop that is not one of our
    proxies. Hops to its left were written by the client (or proxies we do not know) and prove nothing."""
    peer = request.client.host if request.client else "unknown"
    trusted = settings(request).trust_proxy
    if not trusted or not _within(peer, trusted):
        return peer
    hops = ",".join(request.headers.getlist("x-forwarded-for")).split(",")
    client = peer
    for hop in reversed([h.strip() for h in hops if h.strip()]):
        if not _within(hop, trusted):
            return hop if _is_address(hop) else client
        client = hop
    return client


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


def _within(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == n.version and ip in n for n in networks)


def origin_ok(request: Request) -> bool:
    """Browsers send Origin on every POST; a foreign one means another site is posting on a visitor's behalf.
    Absent (old browsers, mail clients) and "null" (strict referrer policies) are let through."""
    origin = request.headers.get("origin")
    if origin in (None, "null"):
        return True
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin in (settings(request).site_origin.rstrip("/"), own, settings(request).base_url)


async def allowed(request: Request, rule: str) -> bool:
    """Counts this request against the client's limit. Limits live in the database, so never on the event loop.
    (Renamed from the synchronous `allow`, so a caller that forgets to await fails at import, not silently.)"""
    limiter = request.app.state.limiter
    if rule not in limiter.rules:  # limits off (benchmarks): no thread, no database
        return True
    return await run_in_threadpool(limiter.allow, rule, client_address(request))


def messages(errors: dict[str, Error], lang: str) -> dict[str, str]:
    return {name: t(e.key, lang, **(e.params or {})) for name, e in errors.items()}


def page_context(request: Request, lang: str, title: str, **extra) -> dict:
    other = "en" if lang == "th" else "th"
    path = request.url.path
    other_path = f"/{other}{path[3:]}" if path[:4] in ("/th/", "/en/") else f"/{other}/"
    site = settings(request).site_origin.rstrip("/")
    # The office's name and the site's home page in the page's own language: the header, title and footer
    # say whose service this is, and "home" leads back to the same language of the site.
    return {"lang": lang, "t": partial(t, lang=lang), "title": title, "other_lang": other,
            "other_url": other_path, "site_home": f"{site}/" if lang == "th" else f"{site}/en/",
            "office": request.app.state.office.in_lang(lang), "logo": request.app.state.office.logo,
            "when": partial(human_datetime, lang=lang), "machine_time": machine_datetime,
            "svc_url": "", "errors": {}, "values": {}, **extra}


def render(request: Request, template: str, context: dict, status: int = 200, headers: dict | None = None) -> Response:
    html = request.app.state.templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)


def problem(request: Request, lang: str, key: str, status: int, headers: dict | None = None) -> Response:
    """A refusal (rate limit, foreign origin, bad link) as JSON or as a page."""
    message = t(key, lang)
    if wants_json(request):
        return JSONResponse({"ok": False, "message": message, "errors": {}}, status_code=status, headers=headers)
    return render(request, "message.html", page_context(request, lang, message, message=message, error=True),
                  status=status, headers=headers)


def lang_of(request: Request) -> str | None:
    lang = request.path_params.get("lang")
    return lang if lang in LANGUAGES else None
