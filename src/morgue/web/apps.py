from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "morgue.web"
    label = "web"
    verbose_name = "Archive website"
