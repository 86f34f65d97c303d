"""The look of the OAuth authorization endpoint's pages, shared by the pages themselves
(`charter.http.oauth_pages`) and by the pipeline, which answers its own refusals of a request to
them (429, 413, 415, a NUL in the form...) as a page of the same style instead of JSON: the
person in front of a browser reads it, no client parses it."""

from __future__ import annotations

import html

from charter.http.state import RequestState
from charter.platform.errors import CharterError

AUTHORIZE_PATH = "/oauth/authorize"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
    "label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.4rem}"
    "button{margin:1rem .5rem 0 0;padding:.5rem 1rem}.error{color:#a00}"
)
ERROR_TITLE = "Cannot authorize this application"
_TITLES = {
    "rate_limited": "Too many attempts",
    "unavailable": "Temporarily unavailable",
    "timeout": "This took too long",
}


def document(title: str, body: str) -> str:
    """A whole page: `title` (escaped here) over `body` (HTML, escaped by the caller)."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f'</title><meta name="viewport" content="width=device-width"><style>{STYLE}</style>'
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def alert(message: str) -> str:
    return f'<p class="error" role="alert">{html.escape(message)}</p>'


def is_page(state: RequestState) -> bool:
    """Is this request one for the authorization endpoint's pages (outside every spec)?"""
    return state.operation is None and state.path == AUTHORIZE_PATH


def error_page(error: CharterError) -> tuple[bytes, dict[str, str]]:
    """The page for an error the pipeline answers at the authorization endpoint, with its
    headers (the error's own, such as a 429's `Retry-After`, and the pages')."""
    title = _TITLES.get(error.kind, ERROR_TITLE)
    if error.kind == "rate_limited" and "Retry-After" in error.headers:
        wait = error.headers["Retry-After"]
        body = alert(f"Too many requests from this address. Try again in {wait} seconds.")
    else:
        body = alert(error.message) + "<p>Go back to the application and start again.</p>"
    return document(title, body).encode(), {**error.headers, **HEADERS}
