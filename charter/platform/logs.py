"""Structured logs: one JSON object per line on stderr, written by a listener thread so a slow
pipe never stalls the event loop."""

from __future__ import annotations

import atexit
import copy
import json
import logging
import logging.handlers
import queue
import sys
import time


class JsonFormatter(logging.Formatter):
    """One JSON object per line; request fields come from `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)


class _Handoff(logging.handlers.QueueHandler):
    """Hands records to the writer thread; exceptions travel as text."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        return record


_listener: logging.handlers.QueueListener | None = None


def configure_logging(level: str) -> None:
    """JSON lines on stderr through a writer thread; idempotent."""
    global _listener
    # The logging HOWTO's optimisation: no caller lookup (a stack walk per record); the JSON line
    # does not carry it. Process and thread ids stay: gunicorn's own log format prints them.
    logging._srcfile = None
    root = logging.getLogger()
    root.setLevel(level)
    if _listener is not None:
        return
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(JsonFormatter())
    records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    _listener = logging.handlers.QueueListener(records, stream)
    _listener.start()
    atexit.register(_listener.stop)
    root.handlers = [_Handoff(records)]
    logging.getLogger("uvicorn.access").disabled = True
