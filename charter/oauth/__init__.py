"""OAuth 2.0 authorization server and OpenID Connect provider (issue 11)."""
