"""The product's routes plus the floor view; only the benchmark settings use this."""

from django.urls import path

from wijkteam.urls import handler403, handler404, handler500  # noqa: F401
from wijkteam.urls import urlpatterns as product_urlpatterns

from . import views

FLOOR_PATH = "bench/floor/"

urlpatterns = [path(FLOOR_PATH, views.floor, name="bench_floor"), *product_urlpatterns]
