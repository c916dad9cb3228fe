"""The citizens' side: forms, thank-you pages, status, confirmation and unsubscribe links, the visit beacon."""

from __future__ import annotations

from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from .. import cases, links, mailer, maillimits, paths, receipts, stats, subscriptions, survey, tokens, validation
from ..i18n import t
from ..models import Subscriber
from .common import (allowed, db, lang_of, messages, origin_ok, page_context, problem, read_values, render,
                     settings, wants_json)

FORMS = {  # form name -> (template snippet, title key, rate-limit rule)
    "question": ("snippets/case.html", "title.question", "form"),
    "complaint": ("snippets/case.html", "title.complaint", "form"),
    "subscribe": ("snippets/subscribe.html", "title.subscribe", "form"),
    "survey": ("snippets/survey.html", "title.survey", "survey"),
    "delete": ("snippets/delete.html", "title.delete", "form"),
}
RETRY = {"Retry-After": "60"}


def _lang(request: Request) -> str:
    lang = lang_of(request)
    if lang is None:
        raise HTTPException(404)
    return lang


async def index(request: Request):
    lang = _lang(request)
    return render(request, "index.html", page_context(request, lang, t("service.name", lang), forms=list(FORMS)))


async def root(request: Request):
    return RedirectResponse("/th/", status_code=303)


async def form_page(request: Request):
    lang, name = _lang(request), request.path_params["form"]
    if name not in FORMS:
        raise HTTPException(404)
    snippet, title, _ = FORMS[name]
    page = validation.page_path(request.query_params.get("page")) or "/"
    return render(request, "form.html", page_context(request, lang, t(title, lang), snippet=snippet, kind=name,
                                                     page_path=page))


def _invalid(request, lang, name, values, errors, page=None):
    msgs = messages(errors, lang)
    if wants_json(request):
        return JSONResponse({"ok": False, "message": t("err.form", lang), "errors": msgs}, status_code=422)
    snippet, title, _ = FORMS[name]
    values = {k: v for k, v in values.items() if k != validation.HONEYPOT}
    return render(request, "form.html", page_context(request, lang, t(title, lang), snippet=snippet, kind=name,
                                                     errors=msgs, values=values, page_path=page), status=422)


def _next_step(lang, name, code):
    """What happens next, for the thank-you page and the site's in-page receipt alike."""
    return t("next.case", lang, kind=receipts.kind_word(name, lang)) if code and name in ("question", "complaint") else None


def _done(request, lang, name, code=None, page=None):
    message = t(f"done.{name}", lang)
    query = f"?code={quote(code)}" if code else (f"?page={quote(page)}" if page else "")
    if wants_json(request):
        body = {"ok": True, "message": message}
        if code:
            body.update(code=code, code_label=t("tracking_code", lang), status_link_text=t("status.look", lang),
                        status_url=receipts.status_link(settings(request), lang, code),
                        next_step=_next_step(lang, name, code))
        return JSONResponse(body, status_code=201 if code else 200)
    return RedirectResponse(f"/{lang}/thanks/{name}{query}", status_code=303)


async def submit(request: Request):
    lang, name = _lang(request), request.path_params["form"]
    if name not in FORMS:
        raise HTTPException(404)
    if not origin_ok(request):
        return problem(request, lang, "err.origin", 403)
    if not await allowed(request, FORMS[name][2]):
        return problem(request, lang, "err.rate", 429, RETRY)
    values = await read_values(request)
    if validation.honeypot_filled(values):
        # Tell the robot it worked, keep nothing: a visible refusal only teaches it to skip the field.
        return _done(request, lang, name, code=cases.new_code(name) if name in ("question", "complaint") else None)
    return await HANDLERS[name](request, lang, name, values)


async def _case(request, lang, name, values):
    cleaned, errors = validation.case_form(values, name)
    if errors:
        return _invalid(request, lang, name, values, errors)
    s = settings(request)
    code, created = await run_in_threadpool(cases.submit_once, db(request), name, lang, cleaned,
                                            cases.idempotency_key(values.get("idempotency_key")),
                                            receipts.queue(s.secret))
    response = _done(request, lang, name, code=code)
    if created and cleaned["email"]:
        # The receipt is queued with the case; sent once the citizen has the answer, so a slow mail server
        # never holds up the page. A retried submission (same key) queued nothing: its receipt is the first's.
        response.background = BackgroundTask(receipts.deliver_quietly, db(request), s, request.app.state.office,
                                             request.app.state.mailer_factory, code)
    return response


def _send(request, msg) -> None:
    """Sends unless the recipient has had its share of form-triggered mail today. Either way the citizen
    gets the same answer: the form must not become a way to test addresses, nor to flood an inbox."""
    if not maillimits.allow(db(request), settings(request).secret, msg["To"]):
        return
    with request.app.state.mailer_factory() as m:
        m.send(msg)


async def _subscribe(request, lang, name, values):
    cleaned, errors = validation.subscribe_form(values)
    if errors:
        return _invalid(request, lang, name, values, errors)
    pending = await run_in_threadpool(subscriptions.subscribe, db(request), cleaned["email"], lang, cleaned["sections"])
    if pending:
        s = settings(request)
        sections = ", ".join(t(f"section.{x}", lang) for x in cleaned["sections"])
        body = t("mail.confirm.body", lang, sections=sections, link=links.confirm(s, lang, pending, cleaned["email"]))
        msg = mailer.build(s, cleaned["email"], t("mail.confirm.subject", lang), body)
        try:
            await run_in_threadpool(_send, request, msg)
        except OSError:
            return problem(request, lang, "err.mail", 503, RETRY)
    return _done(request, lang, name)


async def _survey(request, lang, name, values):
    cleaned, errors = validation.survey_form(values)
    if errors:
        return _invalid(request, lang, name, values, errors, page=cleaned["page"])
    page = await run_in_threadpool(survey.record, db(request), cleaned["rating"], cleaned["comment"],
                                   cleaned["page"], lang)
    return _done(request, lang, name, page=None if page == paths.OTHER else cleaned["page"])


async def _delete_request(request, lang, name, values):
    errors: dict = {}
    code = validation.tracking_code(values, errors)
    email = validation.email(values, errors, required=True)
    if errors:
        return _invalid(request, lang, name, values, errors)
    case = await run_in_threadpool(cases.find_for_deletion, db(request), code, email)
    if case is not None:
        s = settings(request)
        body = t("mail.delete.body", lang, code=code, link=links.delete(s, lang, case.id, code))
        try:
            await run_in_threadpool(_send, request, mailer.build(s, case.email, t("mail.delete.subject", lang), body))
        except OSError:
            return problem(request, lang, "err.mail", 503, RETRY)
    return _done(request, lang, name)  # the same answer either way: the form must not confirm that a case exists


HANDLERS = {"question": _case, "complaint": _case, "subscribe": _subscribe, "survey": _survey,
            "delete": _delete_request}


async def thanks(request: Request):
    lang, name = _lang(request), request.path_params["form"]
    if name not in FORMS:
        raise HTTPException(404)
    errors: dict = {}
    code = validation.tracking_code(dict(request.query_params), errors) if "code" in request.query_params else None
    page = validation.page_path(request.query_params.get("page"))
    site = settings(request).site_origin.rstrip("/")
    code = None if errors else code
    next_step = _next_step(lang, name, code)
    return render(request, "thanks.html", page_context(
        request, lang, t("title.thanks", lang), message=t(f"done.{name}", lang), code=code, next_step=next_step,
        back_to_page=f"{site}{page}" if page else None))


async def status_page(request: Request):
    lang = _lang(request)
    ctx = page_context(request, lang, t("title.status", lang))
    if "code" not in request.query_params:
        return render(request, "status.html", ctx)
    if not await allowed(request, "status"):
        return problem(request, lang, "err.rate", 429, RETRY)
    errors: dict = {}
    code = validation.tracking_code(dict(request.query_params), errors)
    result = None if errors else await run_in_threadpool(cases.public_status, db(request), code)
    if not errors and result is None:
        errors["code"] = validation.Error("err.not_found")
    ctx.update(values={"code": request.query_params.get("code", "")[:20]}, errors=messages(errors, lang), result=result)
    return render(request, "status.html", ctx, status=404 if errors else 200)


async def status_api(request: Request):
    lang = request.query_params.get("lang") if request.query_params.get("lang") in ("th", "en") else "th"
    if not await allowed(request, "status"):
        return JSONResponse({"ok": False, "message": t("err.rate", lang)}, status_code=429, headers=RETRY)
    errors: dict = {}
    code = validation.tracking_code({"code": request.path_params["code"]}, errors)
    result = None if errors else await run_in_threadpool(cases.public_status, db(request), code)
    if result is None:
        return JSONResponse({"ok": False, "errors": messages(errors or {"code": validation.Error("err.not_found")}, lang)},
                            status_code=404)
    result["status_text"] = t(f"status.{result['status']}", lang)
    return JSONResponse({"ok": True, **result})


def _token(request: Request, purpose: str, lang: str, token: str | None = None):
    try:
        return tokens.verify(settings(request).secret, purpose, token or request.query_params.get("token", "")), None
    except tokens.TokenError as e:
        return None, problem(request, lang, "err.token_expired" if e.reason == "expired" else "err.token", 400)


async def confirm(request: Request):
    lang = _lang(request)
    data, refusal = _token(request, "confirm", lang)
    if refusal:
        return refusal
    await run_in_threadpool(subscriptions.confirm, db(request), [int(i) for i in data["ids"]], data["e"])
    msg = t("done.confirmed", lang)
    return render(request, "message.html", page_context(request, lang, msg, message=msg))


ONE_CLICK = ("List-Unsubscribe", "One-Click")  # RFC 8058: the body a mail client POSTs, and nothing else
UNSUBSCRIBE_FORM_TTL = 24 * 3600


def _unsubscribe_csrf(request: Request, subscriber_id: int) -> str:
    return tokens.sign(settings(request).secret, "unsubscribe-form", {"s": subscriber_id}, UNSUBSCRIBE_FORM_TTL)


def _unsubscribe_csrf_ok(request: Request, subscriber_id: int, value) -> bool:
    try:
        return tokens.verify(settings(request).secret, "unsubscribe-form", str(value or ""))["s"] == subscriber_id
    except tokens.TokenError:
        return False


async def unsubscribe(request: Request):
    """GET (and HEAD) from the link in the mail body shows a page with a button; only POST unsubscribes:
    mail scanners and link previews fetch every link in a message. The POST comes from that page's form
    (CSRF token, our own origin) or from a mail client's one-click button (RFC 8058, any origin, no page)."""
    token = request.path_params["token"]
    data, refusal = _token(request, "unsubscribe", "th", token)
    if refusal:
        return refusal
    subscriber_id = int(data["s"])
    if request.method != "POST":
        row: Subscriber | None = await run_in_threadpool(subscriptions.find, db(request), subscriber_id)
        lang = row.lang if row else "th"
        if row is None or row.status == "unsubscribed":
            msg = t("done.unsubscribed", lang)
            return render(request, "unsubscribed.html", page_context(request, lang, msg, message=msg, token=token,
                                                                     known=row is not None))
        return render(request, "unsubscribe_confirm.html", page_context(
            request, lang, t("unsub.title", lang), token=token, section=t(f"section.{row.section}", lang),
            csrf=_unsubscribe_csrf(request, subscriber_id)))
    values = await read_values(request)
    one_click = values.get(ONE_CLICK[0]) == ONE_CLICK[1]
    if not one_click and not (origin_ok(request) and _unsubscribe_csrf_ok(request, subscriber_id, values.get("csrf"))):
        row = await run_in_threadpool(subscriptions.find, db(request), subscriber_id)
        return problem(request, row.lang if row else "th", "err.csrf", 403)
    row = await run_in_threadpool(subscriptions.unsubscribe, db(request), subscriber_id)
    lang = row.lang if row else "th"
    msg = t("done.unsubscribed", lang)
    if one_click and not wants_json(request):
        return Response(msg + "\n", media_type="text/plain; charset=utf-8")
    return render(request, "unsubscribed.html", page_context(request, lang, msg, message=msg, token=token,
                                                             known=row is not None))


async def resubscribe(request: Request):
    data, refusal = _token(request, "unsubscribe", "th", request.path_params["token"])
    if refusal:
        return refusal
    row = await run_in_threadpool(subscriptions.resubscribe, db(request), int(data["s"]))
    lang = row.lang if row else "th"
    msg = t("done.resubscribed", lang)
    return render(request, "message.html", page_context(request, lang, msg, message=msg))


async def delete_confirm(request: Request):
    lang = _lang(request)
    token = request.query_params.get("token", "")
    if request.method == "POST":
        token = (await read_values(request)).get("token", "")
    data, refusal = _token(request, "delete", lang, token)
    if refusal:
        return refusal
    if request.method == "GET":
        # A page with a button, not deletion on GET: mail scanners follow links, and this cannot be undone.
        return render(request, "delete_confirm.html", page_context(
            request, lang, t("title.delete", lang), token=token, code=data["k"]))
    await run_in_threadpool(cases.delete_on_request, db(request), int(data["c"]), data["k"])
    msg = t("done.deleted", lang)
    return render(request, "message.html", page_context(request, lang, msg, message=msg))


async def hit(request: Request):
    """The visit beacon: a path, counted for today. 204 whatever happens, so it never shows an error."""
    if not origin_ok(request) or not await allowed(request, "beacon"):
        return Response(status_code=204)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("text/plain"):
        path = (await request.body())[:400].decode("utf-8", "replace")
    else:
        try:
            path = (await read_values(request)).get("path")
        except HTTPException:
            return Response(status_code=204)
    path = validation.page_path(path)
    if path:
        # Only the site's own paths: the daily counts are published, and the path is the visitor's text.
        await run_in_threadpool(stats.record_hit, db(request), paths.site_paths().normalise(path))
    return Response(status_code=204)


async def health(request: Request):
    return JSONResponse({"ok": True})
