"""The receipt: a citizen who gives an e-mail address with a question or complaint receives its tracking code, a
status link, what happens next and how to reach the office, in the form's language (the thank-you page is easily
closed). The mail is an outbox row written in the transaction that stores the case, so an accepted case always has
its receipt queued; the request sends it right after answering, and the delivery loop (and `notify`) send what a
failure left behind. One row per case: a retried submission, which stores nothing new, queues nothing new."""

from __future__ import annotations

import logging
from urllib.parse import quote

from sqlalchemy import select

from . import mailer as mail, maillimits, outbox
from .i18n import t
from .models import Case, Outbox
from .office import Office
from .settings import Settings

log = logging.getLogger("changwat_service.mail")


def queue(secret: str, limit: tuple[int, float] | None = None):
    """The on_created hook of cases.submit_once: queue the receipt of a case that has an address. The per-address
    limit on form-triggered mail counts it here; past the limit the case is stored without a receipt (its page
    shows the code), and the citizen's answer is the same either way."""
    def on_created(session, case: Case) -> None:
        if case.email and maillimits.allow_in(session, secret, case.email, limit):
            session.add(Outbox(case_id=case.id))
    return on_created


def status_link(settings: Settings, lang: str, code: str) -> str:
    return f"{settings.base_url}/{lang}/status?code={quote(code)}"


def kind_word(kind: str, lang: str) -> str:
    """"คำถาม" inside a Thai sentence, "question" inside an English one."""
    word = t(f"kind.{kind}", lang)
    return word if lang == "th" else word.lower()


def composer(settings: Settings, office: Office):
    domain = mail.sender_domain(settings)

    def compose(session, row: Outbox):
        case = session.get(Case, row.case_id)
        if case is None or not case.email:  # its personal data was deleted before the mail could go
            return None
        lang, what = case.lang, kind_word(case.kind, case.lang)
        body = "\n".join([
            t("mail.receipt.body", lang, office=office.in_lang(lang)["name"], kind=what, code=case.code,
              link=status_link(settings, lang, case.code)),
            "",
            t("next.case", lang, kind=what),
            "",
            t("mail.receipt.private", lang),
            "",
            "-- ",
            t("mail.receipt.contact", lang),
            *office.contact_lines(lang),
        ]) + "\n"
        return mail.build(settings, case.email, t("mail.receipt.subject", lang, kind=what, code=case.code), body,
                          message_id=outbox.message_id(settings.secret, row.id, domain))
    return compose


def deliver(db, settings: Settings, office: Office, mailer_factory, code: str | None = None,
            backoff: bool = True) -> outbox.DeliveryReport:
    """Send the receipts that are due: one case's (by its code, right after its request), or all of them (the
    delivery loop). Failures stay in the outbox for the next try; nothing here raises for a mail problem."""
    where = Outbox.case_id.is_not(None)
    if code is not None:
        where = Outbox.case_id == select(Case.id).where(Case.code == code).scalar_subquery()
    with mailer_factory() as m:
        return outbox.deliver(db, m, composer(settings, office), where=where, backoff=backoff)


def deliver_quietly(db, settings: Settings, office: Office, mailer_factory, code: str | None = None) -> None:
    """For the request's background task and the loop: a failure is logged (without the address) and left queued."""
    try:
        deliver(db, settings, office, mailer_factory, code, backoff=code is None)
    except Exception as e:  # the database, say: the row stays queued and the loop tries again
        log.error("receipt delivery stopped, the outbox keeps what was not sent: %s", outbox.error_text(e))
