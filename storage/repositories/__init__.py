"""Repositories, one module per domain: take a session and keyword arguments, return rows."""
