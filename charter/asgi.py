"""ASGI entry point for uvicorn and gunicorn: `charter.asgi:app`.

Migrations are applied by `charter serve` before workers start, not by each worker.
"""

import os

from charter.http.app import create_app
from charter.worker.maintenance import start_thread

app = create_app(migrate=False)
if os.environ.get("CHARTER_EMBEDDED_WORKER") == "1":
    start_thread()
