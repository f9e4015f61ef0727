"""The signalling partner's feedback page, under the partner's own organisation pages (not the
work zone's /werk/: a data steward sees counts, never a case)."""

from django.urls import path

from doorbraak.outreach import views

app_name = "outreach_feedback"

urlpatterns = [
    path("organisatie/vroegsignalen", views.partner_feedback_view, name="partner"),
]
