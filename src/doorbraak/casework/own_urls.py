"""The household's own pages, under /huishouden/ (ADR 0027). No URL names a household: each
page shows the one household the login is linked to."""

from django.urls import path

from doorbraak.casework import own_views

app_name = "own"

urlpatterns = [
    path("", own_views.own_page_view, name="page"),
    path("plan.pdf", own_views.own_plan_pdf_view, name="plan_pdf"),
    path("gegevens.json", own_views.own_export_view, name="export"),
    path("reactie", own_views.own_comment_view, name="comment"),
    path("akkoord", own_views.own_agree_view, name="agree"),
]
