"""The OAuth authorization endpoint's pages (`GET`/`POST /oauth/authorize`): sign in, then allow
or deny, as plain HTML forms that work without JavaScript.

Each form carries a CSRF token bound to the browser's signed session cookie (path `/oauth`,
HttpOnly, SameSite=Lax, Secure behind https). Every page refuses framing
(`frame-ancestors 'none'`, `X-Frame-Options: DENY`) and caching. Errors before the client and
its redirect URI are known are shown here; later ones go back to the client (RFC 6749 4.1.2.1).
A consent the user gave before for the same client and scopes is remembered: the code is issued
without asking again (unless `prompt=consent`).
"""

from __future__ import annotations

import hmac
import html
import secrets
from typing import Any
from urllib.parse import parse_qs

from flask import Flask, Response, redirect, request, session
from werkzeug.exceptions import HTTPException

from charter.http import page_html
from charter.http.pipeline import context as pipeline_context
from charter.oauth import browser
from charter.oauth.authorize import AuthorizationRequest, PageError, RedirectError, denied
from charter.oauth.issuer import Issuer, issuer_at
from charter.platform import crypto, runtime
from charter.platform.errors import CharterError
from charter.platform.spec import scope_catalog

PATH = page_html.AUTHORIZE_PATH
OIDC_DESCRIPTIONS = {
    "openid": "Sign you in with your Charter account",
    "profile": "See your username",
    "email": "See your email address",
    "offline_access": "Stay connected when you are not using it",
}
HEADERS = page_html.HEADERS


def _page(title: str, body: str, status: int = 200) -> Response:
    return Response(
        page_html.document(title, body), status=status, mimetype="text/html", headers=HEADERS
    )


def _redirect(location: str) -> Any:
    response = redirect(location, code=303 if request.method == "POST" else 302)
    response.headers.update(HEADERS)
    return response


def _issuer() -> Issuer:
    return issuer_at(pipeline_context.base_url(request.environ["asgi.scope"]))


def _csrf() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def _csrf_ok() -> bool:
    sent = request.form.get("csrf", "")
    expected = session.get("csrf", "")
    return bool(expected) and hmac.compare_digest(str(sent), str(expected))


def _form(fields: str, buttons: str) -> str:
    action = html.escape(
        PATH
        + ("?" + request.query_string.decode("utf-8", "replace") if request.query_string else "")
    )
    return (
        f'<form method="post" action="{action}">'
        f'<input type="hidden" name="csrf" value="{html.escape(_csrf())}">{fields}{buttons}</form>'
    )


def _login_page(auth: AuthorizationRequest, error: str | None = None, status: int = 200) -> Any:
    message = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    fields = (
        f"<p>Sign in to continue to <strong>{html.escape(auth.client.name)}</strong>.</p>"
        f"{message}"
        '<label for="username">Username</label>'
        '<input id="username" name="username" autocomplete="username" required maxlength="50">'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" autocomplete="current-password"'
        ' required maxlength="128">'
        '<label for="mfa_code">Authentication code (if you enabled two-factor sign-in)</label>'
        '<input id="mfa_code" name="mfa_code" inputmode="numeric" autocomplete="one-time-code"'
        ' maxlength="20">'
    )
    buttons = '<button type="submit" name="action" value="login" id="login">Sign in</button>'
    return _page("Sign in", _form(fields, buttons), status)


def _consent_page(auth: AuthorizationRequest, who: browser.SignedIn) -> Any:
    catalog = scope_catalog()
    items = "".join(
        f"<li><code>{html.escape(s)}</code>: "
        f"{html.escape(OIDC_DESCRIPTIONS.get(s) or catalog.get(s, s))}</li>"
        for s in auth.scopes
    )
    fields = (
        f"<p>Signed in as <strong>{html.escape(who.username)}</strong>.</p>"
        f"<p><strong>{html.escape(auth.client.name)}</strong> asks to:</p><ul>{items}</ul>"
    )
    buttons = (
        '<button type="submit" name="action" value="allow" id="allow">Allow</button>'
        '<button type="submit" name="action" value="deny" id="deny">Deny</button>'
    )
    return _page("Authorize application", _form(fields, buttons))


def _signed_in(call: Any) -> browser.SignedIn | None:
    return call(browser.signed_in(session.get("sid")))  # type: ignore[no-any-return]


def register(flask_app: Flask, call_async: Any) -> None:
    """Add the authorization endpoint's pages to the pages app."""
    settings = runtime.current().settings
    flask_app.secret_key = crypto.keyed_hash("oauth-pages", "flask-session")
    flask_app.config.update(
        SESSION_COOKIE_NAME="charter_oauth",
        SESSION_COOKIE_PATH="/oauth",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
    )

    @flask_app.errorhandler(HTTPException)
    def refused(error: HTTPException) -> Any:
        """Flask's own refusals at the authorization endpoint (405 for PUT, 500 for the
        unexpected) as pages of its style, with their headers (Allow); elsewhere, Flask's."""
        if request.path != PATH:
            return error
        status = error.code or 500
        message = error.description or error.name
        if status >= 500:  # never a detail of what failed
            message = "Something went wrong on our side. Try again later."
        page = _refusal(message, status)
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                page.headers[name] = value
        return page

    @flask_app.route(PATH, methods=["GET", "POST"])
    def authorize() -> Any:
        checked = _check(call_async)
        if not isinstance(checked, tuple):
            return checked
        issuer, auth = checked
        if "none" in auth.prompt:
            return _silently(auth, issuer, call_async)
        if request.method == "POST":
            return _decide(auth, issuer, call_async)
        who = _signed_in(call_async)
        fresh = session.pop("fresh_login", False)
        if who is None or ("login" in auth.prompt and not fresh):
            return _login_page(auth)
        if "consent" not in auth.prompt and call_async(browser.consented(auth, who)):
            return _allow(auth, issuer, who, call_async)
        return _consent_page(browser.for_user(auth, who), who)


def _silently(auth: AuthorizationRequest, issuer: Issuer, call_async: Any) -> Any:
    """`prompt=none` (OpenID Connect Core 3.1.2.1): a code without showing a page, or the
    error that says what would have needed the person. A posted form is not handled."""
    who = _signed_in(call_async)
    if who is None:
        return _redirect(_error(auth, issuer, "login_required"))
    if not call_async(browser.consented(auth, who)):
        return _redirect(_error(auth, issuer, "consent_required"))
    try:
        return _redirect(call_async(browser.allow(issuer, auth, who, _client_ip())))
    except CharterError as error:  # refused (another organization or mode): no page either
        return _redirect(_error(auth, issuer, "access_denied", error.message))


def _refusal(message: str, status: int) -> Response:
    return _page(page_html.ERROR_TITLE, page_html.alert(message), status)


def _check(call_async: Any) -> tuple[Issuer, AuthorizationRequest] | Any:
    """The issuer and the checked authorization request, or the page or redirect that ends
    the request here (RFC 6749 4.1.2.1)."""
    try:
        issuer = _issuer()
    except CharterError as error:  # production without CHARTER_PUBLIC_URL
        return _refusal(error.message, error.status)
    params = parse_qs(request.query_string.decode("utf-8", "replace"), keep_blank_values=True)
    try:
        return issuer, call_async(browser.check(issuer, params))
    except PageError as error:
        return _refusal(error.message, 400)
    except RedirectError as error:
        return _redirect(error.location)


def _allow(
    auth: AuthorizationRequest, issuer: Issuer, who: browser.SignedIn, call_async: Any
) -> Any:
    try:
        return _redirect(call_async(browser.allow(issuer, auth, who, _client_ip())))
    except CharterError as error:  # a user of another organization than the client's
        return _refusal(error.message, error.status)


def _client_ip() -> str | None:
    state = request.environ["asgi.scope"].get("charter")
    return getattr(state, "client_ip", None)


def _error(
    auth: AuthorizationRequest, issuer: Issuer, error: str, description: str | None = None
) -> str:
    return RedirectError(
        auth.redirect_uri, error, description or error, auth.state, issuer.issuer
    ).location


def _decide(auth: AuthorizationRequest, issuer: Issuer, call_async: Any) -> Any:
    if not _csrf_ok():
        return _refusal("The form expired. Go back and try again.", 400)
    action = request.form.get("action")
    if action == "login":
        outcome = call_async(
            browser.sign_in(
                request.form.get("username", "")[:50],
                request.form.get("password", "")[:128],
                request.form.get("mfa_code", "")[:20],
                _client_ip(),
            )
        )
        if isinstance(outcome, CharterError):
            message = outcome.message
            if outcome.kind == "mfa_required":
                message = "Enter the code from your authenticator app (or a recovery code)."
            return _login_page(auth, message, outcome.status)
        session.clear()  # a new session at sign-in: no fixation
        session.update(sid=outcome, fresh_login=True, csrf=secrets.token_urlsafe(32))
        return _redirect(request.full_path if request.query_string else PATH)
    who = _signed_in(call_async)
    if who is None:
        return _login_page(auth, "Sign in first.", 401)
    if action == "deny":
        return _redirect(denied(issuer, auth))
    if action == "allow":
        return _allow(auth, issuer, who, call_async)
    return _refusal("Unknown action.", 400)


__all__ = ["PATH", "register"]
