"""System checks for logging in (`doorbraak check`, `check --deploy`): an OIDC configuration
with a gap is an error before anyone tries to log in; demo mode on a server is a warning."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

OIDC_REQUIRED = {
    "DOORBRAAK_OIDC_ISSUER": "OIDC_OP_ISSUER",
    "DOORBRAAK_OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "DOORBRAAK_OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "DOORBRAAK_OIDC_USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "DOORBRAAK_OIDC_JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
}


@register(Tags.security)
def oidc_complete(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.OIDC_ENABLED:
        return []
    missing = [env for env, name in OIDC_REQUIRED.items() if not getattr(settings, name, "")]
    if not missing:
        return []
    return [
        Error(
            f"DOORBRAAK_OIDC_CLIENT_ID is gezet, maar {', '.join(missing)} niet: inloggen via "
            "de organisatie kan zo niet.",
            hint="Neem de adressen over uit .well-known/openid-configuration van de provider.",
            id="doorbraak.E014",
        )
    ]


@register(Tags.security, deploy=True)
def demo_off(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.DEMO:
        return []
    return [
        Warning(
            "DOORBRAAK_DEMO staat aan: de demo-accounts loggen in met het demowachtwoord en "
            "zonder tweede stap.",
            hint="Alleen voor de demo op een eigen computer; zet het uit op een server.",
            id="doorbraak.W014",
        )
    ]
