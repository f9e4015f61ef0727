"""URL map: each app contributes its own pages; the admin lives under /beheer/."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "doorbraak – beheer"
admin.site.site_title = "doorbraak beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("onderzoek/evaluatie/", include("doorbraak.evaluation.urls")),
    path("", include("doorbraak.web.urls")),
    path("", include("doorbraak.programme.urls")),
    path("", include("doorbraak.areas.urls")),
    path("", include("doorbraak.partners.urls")),
    path("beveiligingssleutels/", include("doorbraak.partners.security_keys")),
    path("", include("doorbraak.register.urls")),
    path("", include("doorbraak.intake.urls")),
    path("", include("doorbraak.linkage.urls")),
    path("", include("doorbraak.monitor.urls")),
    path("", include("doorbraak.pipeline.urls")),
    path("api/v1/", include("doorbraak.api.urls")),
    path("api/", include("doorbraak.api.fallback_urls")),  # problem+json for any other /api path
    path("", include("doorbraak.opendata.urls")),
    path("", include("doorbraak.reports.urls")),  # the eiland van reflectie (ADR 0038)
    path("", include("doorbraak.learning.urls")),  # the learning network, experiments (ADR 0036)
    path("werk/signalen/", include("doorbraak.outreach.urls")),
    path("", include("doorbraak.outreach.feedback_urls")),
    path("werk/", include("doorbraak.casework.urls")),
    path("huishouden/", include("doorbraak.casework.own_urls")),  # the family's own page
    path("", include("doorbraak.surveys.urls")),  # questionnaires by link, results (ADR 0035)
]

handler403 = "doorbraak.web.views.error_403"
handler404 = "doorbraak.web.views.error_404"
handler500 = "doorbraak.web.views.error_500"
