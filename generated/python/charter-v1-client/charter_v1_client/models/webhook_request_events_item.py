from enum import StrEnum


class WebhookRequestEventsItem(StrEnum):
    API_KEY_CREATED = "api_key.created"
    API_KEY_REVOKED = "api_key.revoked"
    API_KEY_ROLLED = "api_key.rolled"
    API_KEY_UPDATED = "api_key.updated"
    COLLECTION_DECLARED = "collection.declared"
    COLLECTION_DELETED = "collection.deleted"
    FILE_CREATED = "file.created"
    FILE_DELETED = "file.deleted"
    FILE_SHARED = "file.shared"
    INGESTION_COMPLETED = "ingestion.completed"
    INGESTION_FAILED = "ingestion.failed"
    OAUTH_CLIENT_CREATED = "oauth.client.created"
    OAUTH_GRANT_CREATED = "oauth.grant.created"
    OAUTH_GRANT_REVOKED = "oauth.grant.revoked"
    ORGANIZATION_CREATED = "organization.created"
    ORGANIZATION_DELETED = "organization.deleted"
    ORGANIZATION_UPDATED = "organization.updated"
    RECORD_CREATED = "record.created"
    RECORD_DELETED = "record.deleted"
    RECORD_UPDATED = "record.updated"
    REPORT_GENERATED = "report.generated"
    USER_AUTHENTICATED = "user.authenticated"
    USER_CREATED = "user.created"
    USER_DELETED = "user.deleted"
    USER_LOGIN_FAILED = "user.login_failed"
    USER_MFA_FAILED = "user.mfa_failed"
    USER_UNLOCKED = "user.unlocked"
    USER_UPDATED = "user.updated"
    WEBHOOK_DISABLED = "webhook.disabled"

    def __str__(self) -> str:
        return str(self.value)
