"""A person in headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium)
signs in on the login page and allows on the consent page, with JavaScript turned off: the
pages are plain forms. Not skipped when the browser is missing: `.ci/run` installs it."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import PASSWORD, create_user
from tests.oauth.helpers import authorize_url, basic, pkce_pair, register


@pytest.fixture(scope="module")
def browser():
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert binary and driver, "install Debian's chromium and chromium-driver (.ci/run does)"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"profile.managed_default_content_settings.javascript": 2}
    )
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    chrome.set_page_load_timeout(30)
    yield chrome
    chrome.quit()


def _submit(browser, button_id: str, arrived) -> None:
    """Click a form's button and wait until `arrived(browser)` holds on the page it leads to
    (errors of a document being replaced under the driver are retried)."""
    browser.find_element(By.ID, button_id).click()
    WebDriverWait(browser, 15, ignored_exceptions=[WebDriverException]).until(arrived)


def test_sign_in_and_allow_in_a_real_browser(browser, client, admin, live_server):
    redirect = f"{live_server.url}/browser-callback"
    reg = register(client, admin.key, redirect_uris=[redirect], scopes=["openid", "users:read"])
    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    browser.get(live_server.url + authorize_url(reg["client_id"], redirect, challenge))
    assert "Sign in" in browser.title
    browser.find_element(By.ID, "username").send_keys(person.username)
    browser.find_element(By.ID, "password").send_keys("wrong password")
    _submit(browser, "login", lambda b: "Wrong username or password" in b.page_source)
    browser.find_element(By.ID, "username").send_keys(person.username)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    _submit(browser, "login", lambda b: "Authorize application" in b.title)
    assert "Authorize application" in browser.title, browser.page_source
    assert "users:read" in browser.page_source and reg["data"]["name"] in browser.page_source
    _submit(browser, "allow", lambda b: b.current_url.startswith(redirect))
    landed = urlsplit(browser.current_url)
    assert f"{landed.scheme}://{landed.netloc}{landed.path}" == redirect
    query = parse_qs(landed.query)
    assert query["state"] == ["st4te"]
    answer = requests.post(
        f"{live_server.url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": query["code"][0],
            "code_verifier": verifier,
            "redirect_uri": redirect,
        },
        headers=basic(reg["client_id"], reg["client_secret"]),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    # The browser stays signed in and the consent is remembered: straight back with a code.
    browser.get(live_server.url + authorize_url(reg["client_id"], redirect, challenge))
    assert "code" in parse_qs(urlsplit(browser.current_url).query)


def test_the_pages_refuse_framing(browser, client, admin, live_server):
    redirect = f"{live_server.url}/browser-callback"
    reg = register(client, admin.key, redirect_uris=[redirect])
    _, challenge = pkce_pair()
    target = live_server.url + authorize_url(reg["client_id"], redirect, challenge, scope=None)
    page = requests.get(target, timeout=10)
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    # A page of another origin that frames the login page gets nothing rendered in the frame.
    framer = f"data:text/html,<iframe id='f' src='{target}'></iframe>"
    browser.get(framer)
    frame = browser.find_element(By.ID, "f")
    browser.switch_to.frame(frame)
    assert "username" not in browser.page_source
    browser.switch_to.default_content()
