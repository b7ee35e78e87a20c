from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "wijkteam.bench"
    label = "bench"
    verbose_name = "Benchmark"
