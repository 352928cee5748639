"""Authentication for the Teams endpoint, from our settings (not the SDK's env conventions).

Production: every request to `/api/messages` must carry a Bot Framework / Entra JWT for our app
(`TEAMS_APP_ID`); the SDK's `jwt_authorization_middleware` validates signature, audience and
tenant binding, and replies 401 otherwise. Outgoing calls get MSAL tokens for the same app, and
outgoing service URLs are limited to Microsoft's hosts.

Anonymous mode (`TEAMS_ANONYMOUS=true`) accepts unauthenticated requests and posts replies without
a token: only for local testing with Microsoft 365 Agents Playground; `serve` warns at start-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AgentAuthConfiguration, OutboundHostValidator
from microsoft_agents.hosting.core.authorization import Connections

from bot.settings import Settings
from handlers.errors import ConfigError

log = logging.getLogger(__name__)

ANONYMOUS_WARNING = (
    "TEAMS_ANONYMOUS=true: /api/messages accepts UNAUTHENTICATED requests and replies without "
    "tokens. Use this only for local testing (Microsoft 365 Agents Playground), never in production."
)


@dataclass(frozen=True)
class TeamsAuth:
    """Everything the adapter and the HTTP middleware need to authenticate."""

    configuration: AgentAuthConfiguration
    connections: Connections
    host_validator: OutboundHostValidator
    app_id: str
    anonymous: bool


def missing_credentials(settings: Settings) -> list[str]:
    """The Teams variables production mode needs and that are not set."""
    missing = []
    if not settings.teams_app_id:
        missing.append("TEAMS_APP_ID")
    if settings.teams_app_password is None or not settings.teams_app_password.get_secret_value():
        missing.append("TEAMS_APP_PASSWORD")
    if not settings.teams_tenant_id:
        missing.append("TEAMS_TENANT_ID")
    return missing


def build_auth(settings: Settings) -> TeamsAuth:
    """Real JWT validation unless `TEAMS_ANONYMOUS` is set; missing credentials fail fast."""
    if settings.teams_anonymous:
        config = AgentAuthConfiguration(anonymous_allowed=True)
        return TeamsAuth(
            configuration=config,
            connections=MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config}),
            host_validator=OutboundHostValidator(enabled=False),
            app_id=settings.teams_app_id,
            anonymous=True,
        )
    missing = missing_credentials(settings)
    if missing:
        raise ConfigError(
            "Teams needs its app credentials: set " + ", ".join(missing)
            + " (or TEAMS_ANONYMOUS=true for local testing with Agents Playground)."
        )
    password = settings.teams_app_password
    assert password is not None  # checked above
    config = AgentAuthConfiguration(
        client_id=settings.teams_app_id,
        tenant_id=settings.teams_tenant_id,
        client_secret=password.get_secret_value(),
        anonymous_allowed=False,
    )
    return TeamsAuth(
        configuration=config,
        connections=MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config}),
        host_validator=OutboundHostValidator(enabled=True),
        app_id=settings.teams_app_id,
        anonymous=False,
    )
