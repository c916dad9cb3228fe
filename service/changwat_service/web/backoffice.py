"""The office's back office: login, cases with status and reply, subscriber counts, CSV exports."""

from __future__ import annotations

import hmac
import secrets

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .. import cases, exports, officers, subscriptions, validation
from ..i18n import t
from ..models import Case
from .common import allowed, db, lang_of, page_context, problem, read_values, render, settings

SESSION_COOKIE = "cw_admin"
# The limiter rule for failed logins of the whole service (settings.login_budget), under one key.
BUDGET_RULE, BUDGET_KEY = "login_budget", "*"
LOGIN_COOKIE = "cw_login"
NO_STORE = {"Cache-Control": "no-store"}


def _lang(request: Request) -> str:
    lang = lang_of(request)
    if lang is None:
        raise HTTPException(404)
    return lang


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int | None = None) -> None:
    # SameSite=Strict: no other site can make a browser send the session, a first line under the CSRF token.
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=settings(request).cookie_secure, path="/")


async def _session(request: Request) -> dict | None:
    return await run_in_threadpool(officers.load_session, db(request), request.cookies.get(SESSION_COOKIE))


def _csrf_ok(session: dict, values: dict) -> bool:
    return hmac.compare_digest(str(values.get("csrf", "")).encode(), session["csrf"].encode())


def _to_login(lang: str) -> Response:
    return RedirectResponse(f"/{lang}/admin/login", status_code=303, headers=NO_STORE)


def _ctx(request, lang, title, session, **extra):
    return page_context(request, lang, title, session=session, admin=True, **extra)


def _busy(request: Request, lang: str, key: str, status: int, retry_after: int) -> Response:
    # Both languages: an officer locked out reads whichever they read, and a monitor logs one line.
    other = "en" if lang == "th" else "th"
    message = f"{t(key, lang)} / {t(key, other)}"
    ctx = page_context(request, lang, message, message=message, error=True)
    return render(request, "message.html", ctx, status=status, headers={"Retry-After": str(retry_after), **NO_STORE})


async def login(request: Request):
    lang = _lang(request)
    if request.method in ("GET", "HEAD"):
        # HEAD too: an uptime monitor checking this page must not use up the officers' login tries.
        token = secrets.token_urlsafe(32)
        response = render(request, "admin/login.html", _ctx(request, lang, t("admin.login", lang), None, csrf=token),
                          headers=NO_STORE)
        _cookie(request, response, LOGIN_COOKIE, token, max_age=3600)
        return response
    if not await allowed(request, "login"):
        return problem(request, lang, "err.rate", 429, {"Retry-After": "300", **NO_STORE})
    values = await read_values(request)
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), str(values.get("csrf", "")).encode()):
        return problem(request, lang, "err.csrf", 403)
    limiter = request.app.state.limiter
    if await run_in_threadpool(limiter.spent, BUDGET_RULE, BUDGET_KEY):
        return _busy(request, lang, "err.login_budget", 429, 60)
    try:
        async with request.app.state.hash_gate:
            # Again once a slot is ours: the logins that waited for one would otherwise all overspend the budget.
            if await run_in_threadpool(limiter.spent, BUDGET_RULE, BUDGET_KEY):
                return _busy(request, lang, "err.login_budget", 429, 60)
            officer_id = await run_in_threadpool(officers.authenticate, db(request),
                                                 values.get("username", "")[:64], values.get("password", "")[:1024])
            if officer_id is None:  # recorded before the slot is given up, for the next one's check
                await run_in_threadpool(limiter.record, BUDGET_RULE, BUDGET_KEY)
    except officers.Busy:
        return _busy(request, lang, "err.login_busy", 503, 30)
    if officer_id is None:
        ctx = _ctx(request, lang, t("admin.login", lang), None, csrf=cookie,
                   errors={"password": t("err.login", lang)}, values={"username": values.get("username", "")[:64]})
        return render(request, "admin/login.html", ctx, status=401, headers=NO_STORE)
    token = await run_in_threadpool(officers.start_session, db(request), officer_id)
    response = RedirectResponse(f"/{lang}/admin/", status_code=303, headers=NO_STORE)
    _cookie(request, response, SESSION_COOKIE, token, max_age=int(officers.SESSION_TTL.total_seconds()))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


async def logout(request: Request):
    lang = _lang(request)
    session = await _session(request)
    if session is None:
        return _to_login(lang)
    if not _csrf_ok(session, await read_values(request)):
        return problem(request, lang, "err.csrf", 403)
    await run_in_threadpool(officers.end_session, db(request), request.cookies.get(SESSION_COOKIE))
    response = _to_login(lang)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _case_counts(database) -> dict:
    with database.read() as s:
        rows = s.execute(select(Case.kind, Case.status, func.count()).group_by(Case.kind, Case.status)).all()
    counts = {k: {st: 0 for st in cases.STATUSES} for k in ("question", "complaint")}
    for kind, status, n in rows:
        counts.setdefault(kind, {})[status] = n
    return counts


async def dashboard(request: Request):
    lang = _lang(request)
    session = await _session(request)
    if session is None:
        return _to_login(lang)
    counts = await run_in_threadpool(_case_counts, db(request))
    subs = await run_in_threadpool(subscriptions.counts, db(request))
    return render(request, "admin/dashboard.html", _ctx(request, lang, t("admin.dashboard", lang), session,
                                                         counts=counts, subscribers=subs, statuses=cases.STATUSES),
                  headers=NO_STORE)


def _list(database, kind, status):
    with database.read() as s:
        q = select(Case).where(Case.kind == kind).order_by(Case.created_at.desc()).limit(500)
        if status:
            q = q.where(Case.status == status)
        return s.execute(q).scalars().all()


async def case_list(request: Request):
    lang = _lang(request)
    session = await _session(request)
    if session is None:
        return _to_login(lang)
    kind = request.path_params["kind"]
    if kind not in ("question", "complaint"):
        raise HTTPException(404)
    status = request.query_params.get("status")
    status = status if status in cases.STATUSES else None
    rows = await run_in_threadpool(_list, db(request), kind, status)
    return render(request, "admin/cases.html", _ctx(request, lang, t(f"admin.{kind}s", lang), session, rows=rows,
                                                     kind=kind, status=status, statuses=cases.STATUSES),
                  headers=NO_STORE)


def _get(database, case_id):
    with database.read() as s:
        return s.get(Case, case_id)


async def case_detail(request: Request):
    lang = _lang(request)
    session = await _session(request)
    if session is None:
        return _to_login(lang)
    case = await run_in_threadpool(_get, db(request), request.path_params["case_id"])
    if case is None:
        raise HTTPException(404)
    errors, saved = {}, request.query_params.get("saved") == "1"
    if request.method == "POST":
        values = await read_values(request)
        if not _csrf_ok(session, values):
            return problem(request, lang, "err.csrf", 403)
        status = values.get("status")
        reply = validation.clean_text(values.get("reply"), multiline=True)[:10000] or None
        public_question = validation.clean_text(values.get("public_question"), multiline=True)[:5000] or None
        if status not in cases.STATUSES:
            errors["status"] = t("err.status", lang)
        if not errors:
            await run_in_threadpool(lambda: cases.update(
                db(request), case.id, status=status, reply=reply, public=values.get("public") == "yes",
                public_question=public_question))
            return RedirectResponse(f"/{lang}/admin/cases/{case.id}?saved=1", status_code=303, headers=NO_STORE)
    return render(request, "admin/case.html", _ctx(request, lang, f"{t('kind.' + case.kind, lang)} {case.code}",
                                                   session, case=case, statuses=cases.STATUSES, errors=errors,
                                                   saved=saved), status=422 if errors else 200, headers=NO_STORE)


CSV = {"cases": lambda d: exports.cases_csv(d), "questions": lambda d: exports.cases_csv(d, "question"),
       "complaints": lambda d: exports.cases_csv(d, "complaint"), "survey": exports.survey_csv,
       "subscribers": exports.subscribers_csv}


async def export_csv(request: Request):
    lang = _lang(request)
    session = await _session(request)
    if session is None:
        return _to_login(lang)
    name = request.path_params["name"]
    if name not in CSV:
        raise HTTPException(404)
    text = await run_in_threadpool(CSV[name], db(request))
    return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"', **NO_STORE})
