"""`Authorization: Token <sleutel>` against the hashed tokens of `api.tokens` (DRF's form)."""

from typing import Any

from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from doorbraak.api.tokens import token_user
from doorbraak.core.errors import UserError


class TokenNotAccepted(AuthenticationFailed):
    """A refused token; its Dutch reason reaches the problem document (`api.problems`)."""


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        try:
            return token_user(key)
        except UserError as refused:
            raise TokenNotAccepted(refused.message, refused.code) from refused
