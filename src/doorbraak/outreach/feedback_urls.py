"""Outreach's pages for other roles, outside /werk/signalen/ (which is the outreach team's
alone): a signalling partner's feedback under its own organisation pages (counts, never a
case), and a professional taking on a household led on to her."""

from django.urls import path

from doorbraak.outreach import views

app_name = "outreach_feedback"

urlpatterns = [
    path("organisatie/vroegsignalen", views.partner_feedback_view, name="partner"),
    path(
        "werk/toeleidingen/<int:pk>/registreren",
        views.referral_take_on_view,
        name="referral_take_on",
    ),
]
