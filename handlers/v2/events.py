"""v2 event stream (issue 9): the events webhooks deliver, as Server-Sent Events."""

from __future__ import annotations

import contextlib
import time

import anyio
from starlette.responses import Response

from charter.http.context import credential, current_actor, deadline, header
from charter.http.uow import read
from charter.webhooks import stream as event_stream

# The stream ends itself this long before its timeout class would cut it off mid-message.
END_MARGIN_SECONDS = 1.0


class EventStreamResponse(Response):
    """text/event-stream from an open EventStream; its slot and subscription are given back
    however the response ends (done, client gone, deadline)."""

    media_type = "text/event-stream"

    def __init__(self, stream: event_stream.EventStream) -> None:
        # Not Response.__init__: a body would give the response a Content-Length.
        self.stream = stream
        self.status_code = 200
        self.background = None
        self.init_headers({"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def __call__(self, scope, receive, send) -> None:
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            async with anyio.create_task_group() as group:

                async def until_disconnect() -> None:
                    while (await receive())["type"] != "http.disconnect":
                        pass
                    group.cancel_scope.cancel()

                group.start_soon(until_disconnect)
                async with contextlib.aclosing(self.stream.frames()) as frames:
                    async for chunk in frames:
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                group.cancel_scope.cancel()
        except OSError:
            pass  # the client went away while a chunk was being sent
        finally:
            await self.stream.close()


async def stream_events(events=None, collections=None, max_wait=None, last_event_id=None):
    # EventSource resends the newest id in the header on reconnect: it wins over the query.
    resume, source = header("last-event-id"), "header"
    if not resume:
        resume, source = last_event_id, "query"
    ends_by = (deadline() or time.monotonic()) - END_MARGIN_SECONDS
    until = ends_by if max_wait is None else time.monotonic() + max_wait
    async with read() as session:
        stream = await event_stream.open_stream(
            session,
            current_actor(),
            credential=credential(),
            events=events,
            collections=collections,
            last_event_id=resume,
            resume_source=source,
            until=until,
            deadline=ends_by,
        )
    return EventStreamResponse(stream)
