from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "morgue.desk"
    label = "desk"
    verbose_name = "Editors' desk"
