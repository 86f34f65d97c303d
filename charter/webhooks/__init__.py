"""Webhooks: the event catalog, endpoints, signatures, and at-least-once delivery from the
outbox (issue 9)."""
