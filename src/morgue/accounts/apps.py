from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "morgue.accounts"
    label = "accounts"
    verbose_name = "Accounts"
