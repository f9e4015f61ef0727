"""`Cache-Control: no-store` on every answer to a logged-in user or an API token.

What a professional, a household, a data steward or the programme team sees can name a
household, a delivery or a caseload. A page kept in the browser's cache (or a proxy's) stays
readable after logging out, with the back button or from the disk. So nothing a signed-in user
or an API client receives is stored anywhere: the rule is per request, not per page, so a
new page with person-level data cannot forget it. Public pages (open data, the landing page)
keep whatever their view says. Static files never get here (WhiteNoise answers them first).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

NO_STORE = "no-store"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # asked before the view: an API view without authentication puts AnonymousUser in
        # request.user for the session's user (the OpenAPI document)
        who = identified(request)
        response = self.get_response(request)
        if who:
            no_store(response)
        return response


def identified(request: HttpRequest) -> bool:
    """Is this request made as someone: a session of a user, or an API token?"""
    user = getattr(request, "user", None)
    return bool(getattr(user, "is_authenticated", False)) or "HTTP_AUTHORIZATION" in request.META


def no_store(response: HttpResponse) -> None:
    """Whatever the view said about caching, this answer is stored nowhere."""
    if "Cache-Control" in response:
        del response["Cache-Control"]
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
