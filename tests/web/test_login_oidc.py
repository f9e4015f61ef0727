"""Logging in through the organisation's OpenID Connect provider, without a live provider: a
test provider inside the suite (an RSA key of its own, its token, JWKS and userinfo answers
shaped as a Keycloak realm gives them, served through `responses`). Checked: the code flow with
state, nonce and PKCE, the ID token's signature, issuer and audience, matching an existing
account, and the provider's MFA (`amr`) counting as the second step only when claimed."""

import base64
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.mfa import IDP_MFA_KEY
from doorbraak.partners.models import Role, User
from tests.conftest import UserOf

ISSUER = "https://sso.gemeente-veendam.example/realms/medewerkers"
CLIENT_ID = "doorbraak"
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/protocol/openid-connect/auth",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/protocol/openid-connect/token",
    "OIDC_OP_USER_ENDPOINT": f"{ISSUER}/protocol/openid-connect/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/protocol/openid-connect/certs",
}
EMAIL = "p.bakker@gemeente-veendam.example"
KID = "test-sleutel-1"


@dataclass
class Provider:
    """The test provider: signs ID tokens and answers the back-channel calls."""

    mock: responses.RequestsMock | None = None
    key: Any = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [public | {"kid": KID, "use": "sig", "alg": "RS256"}]}

    def id_token(self, nonce: str, /, **claims: Any) -> str:
        """An ID token as the provider signs it; `claims` replace or add to the usual ones."""
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "5f1c2a9e-0000-4000-8000-000000000001",
            "iat": now,
            "exp": now + 300,
            "nonce": claims.pop("nonce", nonce),
            "email": EMAIL,
            "amr": ["pwd", "mfa"],
        } | claims
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": KID})

    def answer(self, id_token: str, userinfo: dict[str, Any] | None = None) -> None:
        """Register the token, JWKS and userinfo answers of one login (Keycloak's shape)."""

        def token(request: Any) -> tuple[int, dict[str, str], str]:
            self.token_requests.append(parse_qs(request.body))
            body = {
                "access_token": "eyJ-toegang",
                "expires_in": 300,
                "refresh_expires_in": 1800,
                "token_type": "Bearer",
                "id_token": id_token,
                "not-before-policy": 0,
                "session_state": "b3c0ffee",
                "scope": "openid email profile",
            }
            return 200, {}, json.dumps(body)

        assert self.mock is not None
        self.mock.add_callback(responses.POST, ENDPOINTS["OIDC_OP_TOKEN_ENDPOINT"], callback=token)
        self.mock.get(ENDPOINTS["OIDC_OP_JWKS_ENDPOINT"], json=self.jwks())
        self.mock.get(
            ENDPOINTS["OIDC_OP_USER_ENDPOINT"],
            json=userinfo or {"sub": "5f1c2a9e", "email": EMAIL, "email_verified": True},
        )


@pytest.fixture
def provider(settings) -> Iterator[Provider]:  # type: ignore[no-untyped-def]
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "geheim-van-de-test"
    settings.OIDC_OP_ISSUER = ISSUER
    for name, url in ENDPOINTS.items():
        setattr(settings, name, url)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield Provider(mock)


@pytest.fixture
def programme(user_of: UserOf) -> User:
    user = user_of(Role.PROGRAMME_TEAM)
    user.email = EMAIL
    user.save()
    return user


def _start(client: Client, next_page: str = "/programma") -> dict[str, str]:
    response = client.get(f"/inloggen/organisatie?next={next_page}")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert (
        f"{location.scheme}://{location.netloc}{location.path}"
        == (ENDPOINTS["OIDC_OP_AUTHORIZATION_ENDPOINT"])
    )
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def _back(client: Client, state: str):  # type: ignore[no-untyped-def]
    return client.get("/inloggen/organisatie/terug", {"code": "code-van-de-idp", "state": state})


def test_a_login_with_the_providers_mfa_opens_the_pages(
    client: Client, provider: Provider, programme: User
) -> None:
    asked = _start(client)
    assert (asked["client_id"], asked["response_type"]) == (CLIENT_ID, "code")
    assert asked["code_challenge_method"] == "S256"
    provider.answer(provider.id_token(asked["nonce"]))
    back = _back(client, asked["state"])
    assert back.status_code == 302
    assert back["Location"] == "/programma"
    assert client.get("/programma").status_code == 200  # no second step of our own
    assert client.session[IDP_MFA_KEY] == "amr:mfa"
    [sent] = provider.token_requests
    assert sent["code"] == ["code-van-de-idp"]
    verifier = sent["code_verifier"][0]  # PKCE: the verifier matches the challenge sent first
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert challenge.rstrip(b"=").decode() == asked["code_challenge"]
    [login] = AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN)
    assert (login.actor, login.reason) == (programme, "oidc (amr:mfa)")


def test_without_the_providers_mfa_our_own_second_step_follows(
    client: Client, provider: Provider, programme: User
) -> None:
    asked = _start(client)
    provider.answer(provider.id_token(asked["nonce"], amr=["pwd"]))
    back = _back(client, asked["state"])
    assert back["Location"].startswith("/inloggen/tweede-stap")
    assert client.get("/programma")["Location"].startswith("/inloggen/tweede-stap")


def test_an_acr_the_operator_trusts_counts_as_mfa(
    client: Client, provider: Provider, programme: User, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.OIDC_MFA_ACR = "urn:gemeente:loa:substantieel,2"
    asked = _start(client)
    provider.answer(provider.id_token(asked["nonce"], amr=["pwd"], acr="2"))
    assert _back(client, asked["state"])["Location"] == "/programma"
    assert client.session[IDP_MFA_KEY] == "acr:2"


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"aud": "een-andere-client"}, "for another client"),
        ({"iss": "https://sso.elders.example/realms/x"}, "from another issuer"),
        ({"nonce": "vervalst"}, "a replayed or forged nonce"),
        ({"exp": int(time.time()) - 60}, "expired"),
        ({"email": "niemand@gemeente-veendam.example"}, "no doorbraak account"),
    ],
)
def test_a_token_that_does_not_hold_is_refused_in_dutch(
    client: Client, provider: Provider, programme: User, claims: dict[str, Any], why: str
) -> None:
    asked = _start(client)
    token_claims = {k: v for k, v in claims.items() if k != "email"}
    provider.answer(
        provider.id_token(asked["nonce"], **token_claims),
        userinfo={"sub": "x", "email": claims.get("email", EMAIL)},
    )
    back = _back(client, asked["state"])
    assert back["Location"] == "/inloggen", why
    page = client.get("/inloggen").content.decode()
    assert "Inloggen via uw organisatie is niet gelukt" in page, why
    assert client.get("/programma").status_code == 302, why
    assert AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN_FAIL).count() == 1, why


def test_a_token_signed_by_another_key_is_refused(
    client: Client, provider: Provider, programme: User
) -> None:
    asked = _start(client)
    forged = Provider().id_token(asked["nonce"])  # same kid, someone else's key
    provider.answer(forged)
    assert _back(client, asked["state"])["Location"] == "/inloggen"
    assert client.get("/programma").status_code == 302


def test_an_inactive_account_cannot_log_in_through_the_provider(
    client: Client, provider: Provider, programme: User
) -> None:
    programme.is_active = False
    programme.save()
    asked = _start(client)
    provider.answer(provider.id_token(asked["nonce"]))
    assert _back(client, asked["state"])["Location"] == "/inloggen"


def test_the_login_page_offers_the_provider_only_when_configured(
    client: Client, demo_world: None, settings
) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/inloggen/organisatie").status_code == 404
    assert client.get("/inloggen/organisatie/terug?code=x&state=y").status_code == 404
    assert "organisatieaccount" not in client.get("/inloggen").content.decode()
    settings.OIDC_ENABLED = True
    assert "Inloggen met uw organisatieaccount" in client.get("/inloggen").content.decode()


def test_a_half_configured_provider_is_a_check_error(settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.checks import run_checks

    settings.OIDC_ENABLED = True
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    errors = [m for m in run_checks() if m.id == "doorbraak.E014"]
    assert len(errors) == 1
    assert "DOORBRAAK_OIDC_TOKEN_ENDPOINT" in errors[0].msg
    settings.DEMO = True
    assert [m.id for m in run_checks(include_deployment_checks=True) if m.id == "doorbraak.W014"]
