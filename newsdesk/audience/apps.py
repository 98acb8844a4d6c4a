from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "newsdesk.audience"
    label = "audience"
    verbose_name = "Audience"
