"""Webhook test harness: a real receiver on 127.0.0.1 (private outbound allowed for it), the
delivery worker run to idle in the test's thread, and HTTP helpers."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import update

from charter.platform import runtime
from charter.webhooks.worker import DeliveryWorker
from storage.models import WebhookEndpoint


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server recording every POST; `answer` decides each reply (status, headers,
    body), `delay` makes it slow."""

    url: str
    received: list[Received] = field(default_factory=list)
    answer: Callable[[Received], tuple[int, dict[str, str], bytes]] = lambda _: (204, {}, b"")
    delay: float = 0.0

    def reply(self, status: int, headers: dict[str, str] | None = None, body: bytes = b""):
        self.answer = lambda _: (status, headers or {}, body)

    def of(self, event: str) -> list[Received]:
        return [r for r in self.received if r.json["event"] == event]


def _serve(receiver_holder: list[Receiver]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            receiver = receiver_holder[0]
            length = int(self.headers.get("Content-Length") or 0)
            got = Received({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
            receiver.received.append(got)
            if receiver.delay:
                threading.Event().wait(receiver.delay)
            status, headers, body = receiver.answer(got)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture
def allow_private(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", True)


@pytest.fixture
def guarded(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", False)


def make_receiver():
    holder: list[Receiver] = []
    server = _serve(holder)
    holder.append(Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hook"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return holder[0], server


@pytest.fixture
def receiver(allow_private):
    got, server = make_receiver()
    yield got
    server.shutdown()
    server.server_close()


@pytest.fixture
def second_receiver(allow_private):
    got, server = make_receiver()
    yield got
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _quiet_endpoints(app):
    """Endpoints a test leaves enabled are disabled after it: a later test's worker must not
    keep calling a receiver that is gone."""
    yield
    with runtime.current().db.sync_transaction() as session:
        session.execute(update(WebhookEndpoint).values(status="disabled"))


def deliver(worker: DeliveryWorker | None = None) -> None:
    """Fan out and deliver everything due, until idle."""
    asyncio.run((worker or DeliveryWorker()).run_until_idle())


class Resolver:
    """socket.getaddrinfo for made-up names (name -> addresses; an empty list: no such name)."""

    def __init__(self, monkeypatch, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        real = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            if host not in self.answers:
                return real(host, port, *args, **kwargs)
            if not self.answers[host]:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in self.answers[host]
            ]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def auth(tenant) -> dict[str, str]:
    return {"X-API-Key": tenant.key}


def register(client, tenant, url: str, events=None, **fields) -> dict[str, Any]:
    body = {"url": url, "events": events or ["record.created"], **fields}
    response = client.post("/v2/webhooks", json=body, headers=auth(tenant))
    assert response.status_code == 201, response.text
    return response.json()


def create_record(client, tenant, collection="products", data=None) -> str:
    response = client.post(
        f"/v2/data/{collection}",
        json={"data": data or {"name": "Widget", "price": 29.99}},
        headers=auth(tenant),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def deliveries(client, tenant, webhook_id: str, **params) -> list[dict[str, Any]]:
    response = client.get(
        f"/v2/webhooks/{webhook_id}/deliveries", params=params, headers=auth(tenant)
    )
    assert response.status_code == 200, response.text
    return response.json()["data"]
