"""The `charter` command: serve, migrate, bootstrap, openapi, worker."""

from __future__ import annotations

import argparse
import json
import os
import sys

from charter.platform.settings import ConfigurationError, get_settings


def _settings_or_exit():
    try:
        return get_settings()
    except ConfigurationError as exc:
        print(f"charter: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_migrate(_args) -> int:
    from charter.platform import runtime
    from storage.migrate import upgrade

    rt = runtime.init(_settings_or_exit())
    upgrade(rt.db.engine)
    print("migrations applied", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    settings = _settings_or_exit()
    cmd_migrate(args)
    if settings.redis_url == "" and args.workers > 1:
        print(
            "charter: warning: several workers without CHARTER_REDIS_URL keep rate-limit counters "
            "per process",
            file=sys.stderr,
        )
    os.environ["CHARTER_EMBEDDED_WORKER"] = "1" if args.workers == 1 else "0"
    if args.workers == 1:
        import uvicorn

        from charter.serving import uvicorn_options

        uvicorn.run(
            "charter.asgi:app",
            host=args.host,
            port=args.port,
            log_level=settings.log_level.lower(),
            access_log=False,
            timeout_graceful_shutdown=30,
            **uvicorn_options(settings),
        )
        return 0
    argv = [
        "gunicorn",
        "charter.asgi:app",
        "--worker-class",
        "charter.serving.Worker",  # uvicorn's, with charter.serving.uvicorn_options
        "--workers",
        str(args.workers),
        "--bind",
        f"{args.host}:{args.port}",
        "--graceful-timeout",
        "30",
        "--timeout",
        str(int(settings.timeout_upload) + 30),
    ]
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", *argv[1:]])
    return 0  # not reached


def cmd_worker(_args) -> int:
    import asyncio
    import threading

    from charter.platform import runtime
    from charter.worker import maintenance

    runtime.init(_settings_or_exit())
    stop = threading.Event()
    try:
        asyncio.run(maintenance.loop(stop))
    except KeyboardInterrupt:
        stop.set()
    return 0


def cmd_bootstrap(args) -> int:
    import asyncio

    from charter.identity import bootstrap
    from charter.platform import runtime
    from charter.platform.errors import CharterError
    from storage.migrate import upgrade

    rt = runtime.init(_settings_or_exit())
    upgrade(rt.db.engine)

    async def run() -> dict:
        async with rt.db.transaction() as session:  # the unit of work opens at the edge
            return await bootstrap.bootstrap(
                session,
                org_name=args.org,
                username=args.username,
                email=args.email,
                password=args.password,
                plan=args.plan,
                superuser=args.superuser,
            )

    try:
        result = asyncio.run(run())
    except CharterError as exc:
        print(f"charter: bootstrap failed: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


def cmd_rotate_pii(_args) -> int:
    from charter.identity import pii
    from charter.oauth import keys
    from charter.platform import runtime

    runtime.init(_settings_or_exit())
    rows = pii.rotate_all() + keys.reencrypt_private_keys()
    print(f"re-encrypted {rows} rows", file=sys.stderr)
    return 0


def cmd_rotate_oauth_key(_args) -> int:
    import asyncio

    from charter.oauth import keys
    from charter.platform import runtime
    from storage.migrate import upgrade

    rt = runtime.init(_settings_or_exit())
    upgrade(rt.db.engine)
    kid = asyncio.run(keys.rotate())
    print(json.dumps({"kid": kid, "retired_keys_published_seconds": keys.RETIRED_KEY_SECONDS}))
    return 0


def cmd_openapi(args) -> int:
    from charter.tools.openapi_export import served_spec

    print(json.dumps(served_spec(args.surface), indent=2, sort_keys=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="charter", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="apply migrations, then serve HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="upgrade the database to the newest schema").set_defaults(
        func=cmd_migrate
    )
    sub.add_parser("worker", help="run background maintenance and webhook delivery").set_defaults(
        func=cmd_worker
    )

    boot = sub.add_parser("bootstrap", help="create an organization, its admin and an API key")
    boot.add_argument("--org", required=True)
    boot.add_argument("--username", required=True)
    boot.add_argument("--email", required=True)
    boot.add_argument("--password", required=True)
    boot.add_argument("--plan", default="enterprise")
    boot.add_argument(
        "--superuser",
        action="store_true",
        help="make this admin the platform operator (once): they manage every organization",
    )
    boot.set_defaults(func=cmd_bootstrap)

    sub.add_parser(
        "rotate-pii", help="re-encrypt PII and secrets under the newest encryption key"
    ).set_defaults(func=cmd_rotate_pii)

    sub.add_parser(
        "rotate-oauth-key",
        help="make a new OAuth signing key; the others stop signing and verify for two more days",
    ).set_defaults(func=cmd_rotate_oauth_key)

    spec = sub.add_parser("openapi", help="print a surface's spec exactly as served")
    spec.add_argument("surface", choices=["v1", "v2", "ingestion", "oauth"])
    spec.set_defaults(func=cmd_openapi)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
