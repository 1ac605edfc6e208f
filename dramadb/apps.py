from django.apps import AppConfig


class DramadbConfig(AppConfig):
    name = "dramadb"
    verbose_name = "dramadb"
