"""The ASGI application: routes, CORS for the site's origin, body size limit, security headers."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager, contextmanager, suppress

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import receipts
from ..db import Database, migrate
from ..i18n import t
from ..mailer import SmtpMailer
from ..office import load_office
from ..officers import HashGate
from ..ratelimit import RateLimiter
from ..settings import Settings
from . import backoffice, public
from .common import PACKAGE, SNIPPETS, environment, page_context, render, server_error


class SecurityHeaders:
    """Tokens travel in our URLs (confirm, unsubscribe, delete), so no Referer may carry them elsewhere."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", b"default-src 'none'; style-src 'self'; script-src 'self'; "
                                                 b"img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                                 b"base-uri 'none'"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-content-type-options", b"nosniff"),
                ]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Starlette answers an unhandled error outside every middleware, so without this the 500 would
            # go out bare. Answered here; re-raised so that the server still logs it.
            if not started:
                await server_error()(scope, receive, send_with_headers)
            raise


def _lang_from(request: Request) -> str:
    first = request.url.path.strip("/").split("/", 1)[0]
    return first if first in ("th", "en") else "th"


async def not_found(request: Request, exc):
    lang = _lang_from(request)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"ok": False}, status_code=404)
    msg = "ไม่พบหน้านี้" if lang == "th" else "Page not found"
    return render(request, "message.html", page_context(request, lang, msg, message=msg, error=True), status=404)


async def too_large(request: Request, exc):
    lang = _lang_from(request)
    return JSONResponse({"ok": False, "message": t("err.too_large", lang), "errors": {}}, status_code=413)


async def _deliver_receipts(app) -> None:
    """The delivery loop: receipts whose first send failed (mail server down) or never ran (the process stopped
    between storing a case and sending) go out on a later round, with growing waits (outbox.FIRST_BACKOFF).
    Each process of the service runs one; outbox.deliver's claims keep two from sending one mail."""
    state = app.state
    while True:
        await asyncio.sleep(state.settings.mail_retry_seconds)
        await run_in_threadpool(receipts.deliver_quietly, state.db, state.settings, state.office,
                                state.mailer_factory)


async def office_logo(request: Request):
    logo = request.app.state.office.logo
    if logo is None or request.url.path != logo.url:
        raise HTTPException(404)
    # Its address names its content, so it may be kept: the header shows it on every page.
    return Response(logo.content, media_type=logo.media_type,
                    headers={"cache-control": "public, max-age=31536000, immutable"})


async def forms_js(request: Request):
    return FileResponse(SNIPPETS / "changwat-forms.js", media_type="text/javascript; charset=utf-8")


async def forms_css(request: Request):
    # One stylesheet for the forms, on the site and on the service's own pages.
    return FileResponse(SNIPPETS / "changwat-forms.css", media_type="text/css; charset=utf-8")


def create_app(settings: Settings, database: Database | None = None, mailer_factory=None,
               migrate_db: bool = True) -> Starlette:
    own_db = database is None  # a database handed in (tests, the benchmark) is its owner's to close
    database = database or Database(settings.db_url)

    @asynccontextmanager
    async def lifespan(app):
        loop = asyncio.create_task(_deliver_receipts(app)) if settings.mail_retry_seconds > 0 else None
        yield
        if loop is not None:
            loop.cancel()
            with suppress(asyncio.CancelledError):
                await loop
        if own_db:
            database.dispose()

    if migrate_db:
        migrate(settings.db_url)

    @contextmanager
    def smtp():
        m = SmtpMailer(settings)
        try:
            yield m
        finally:
            m.close()

    L = "/{lang:str}"
    routes = [
        Route("/", public.root),
        Route("/healthz", public.health),
        Route("/static/changwat-forms.js", forms_js),
        Route("/static/changwat-forms.css", forms_css),
        Route("/static/office-logo-{tag:str}", office_logo),
        Mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static"),
        Route("/api/hit", public.hit, methods=["POST"]),
        Route("/api/status/{code:str}", public.status_api),
        Route("/unsubscribe/{token:str}", public.unsubscribe, methods=["GET", "POST"]),
        Route("/unsubscribe/{token:str}/again", public.resubscribe, methods=["POST"]),
        Route(L + "/", public.index),
        Route(L + "/status", public.status_page),
        Route(L + "/subscribe/confirm", public.confirm),
        Route(L + "/delete/confirm", public.delete_confirm, methods=["GET", "POST"]),
        Route(L + "/thanks/{form:str}", public.thanks),
        Route(L + "/admin/login", backoffice.login, methods=["GET", "POST"]),
        Route(L + "/admin/logout", backoffice.logout, methods=["POST"]),
        Route(L + "/admin/", backoffice.dashboard),
        Route(L + "/admin/cases/{case_id:int}", backoffice.case_detail, methods=["GET", "POST"]),
        Route(L + "/admin/{kind:str}s", backoffice.case_list),
        Route(L + "/admin/export/{name:str}.csv", backoffice.export_csv),
        Route(L + "/{form:str}", public.form_page, methods=["GET"]),
        Route(L + "/{form:str}", public.submit, methods=["POST"]),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        # Here rather than Starlette(max_body_size=...), which puts it outside every middleware: its 413 went
        # out without the headers above.
        Middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_body_bytes),
        Middleware(CORSMiddleware, allow_origins=[settings.site_origin.rstrip("/")], allow_methods=["GET", "POST"],
                   allow_headers=["Accept", "Content-Type"], max_age=600),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: not_found, 413: too_large})
    app.state.settings = settings
    app.state.office = load_office(settings)
    app.state.db = database
    rules = dict(settings.rate_limits)
    if settings.login_budget:
        rules[backoffice.BUDGET_RULE] = settings.login_budget
    app.state.limiter = RateLimiter(rules, database, settings.secret)
    app.state.hash_gate = HashGate(settings.login_hashing)
    app.state.templates = environment()
    app.state.mailer_factory = mailer_factory or smtp
    return app
