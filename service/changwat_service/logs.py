"""What the service writes to its logs: no client address, and no secret from a URL.

Confirmation links carry a token that spells out the e-mail address (base64 is not encryption), unsubscribe
links a token that works for ever, status links a tracking code. The server's access log writes the full
path and the client's address with every request; the README promises that addresses are never stored.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
# /unsubscribe/<token>[/again] and /api/status/<code>: the secret is a path segment.
_PATH_SECRETS = re.compile(r"^(/unsubscribe/|/api/status/)[^/?#]+")
# ?token=… on /{lang}/subscribe/confirm and /{lang}/delete/confirm, ?code=… on the status and thanks pages.
_QUERY_SECRETS = re.compile(r"([?&](?:token|code)=)[^&#]*", re.IGNORECASE)


def redact_path(path: str) -> str:
    return _QUERY_SECRETS.sub(r"\1" + REDACTED, _PATH_SECRETS.sub(r"\1" + REDACTED, path))


class AccessPrivacy(logging.Filter):
    """For uvicorn's access records: args are (client address, method, path with query, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            _client, method, path, version, status = args
            record.args = ("-", method, redact_path(str(path)), version, status)
        return True


def install() -> None:
    """On the logger, not a handler, so it holds whatever handlers the server or the office configures;
    logging.config.dictConfig keeps a logger's existing filters, so uvicorn's own set-up does not undo it."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessPrivacy) for f in logger.filters):
        logger.addFilter(AccessPrivacy())
