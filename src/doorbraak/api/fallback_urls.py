"""Every path under /api/ that is not /api/v1/...: a 404 problem document, not an HTML page.

Included by conf/urls.py right after `api/v1/`; paths under /api/v1 are covered by the
catch-all at the end of `api.urls`.
"""

from django.urls import URLPattern, re_path

from doorbraak.api.views import NotFoundView

urlpatterns: list[URLPattern] = [re_path(r"^.*$", NotFoundView.as_view(), name="api_not_found")]
