from enum import StrEnum


class Scope(StrEnum):
    ADMIN = "admin"
    ANALYTICSREAD = "analytics:read"
    AUDITREAD = "audit:read"
    FILESREAD = "files:read"
    FILESSHARE = "files:share"
    FILESWRITE = "files:write"
    GRANTSWRITE = "grants:write"
    INGESTIONREAD = "ingestion:read"
    INGESTIONWRITE = "ingestion:write"
    KEYSREAD = "keys:read"
    KEYSWRITE = "keys:write"
    ORGANIZATIONSDELETE = "organizations:delete"
    ORGANIZATIONSREAD = "organizations:read"
    ORGANIZATIONSWRITE = "organizations:write"
    READDATA = "read:data"
    USERSDELETE = "users:delete"
    USERSREAD = "users:read"
    USERSWRITE = "users:write"
    WEBHOOKSREAD = "webhooks:read"
    WEBHOOKSWRITE = "webhooks:write"
    WRITEDATA = "write:data"

    def __str__(self) -> str:
        return str(self.value)
