from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "doorbraak.web"
    label = "web"
    verbose_name = "Website"
