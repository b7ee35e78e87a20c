from django.contrib import admin
from django.contrib.auth.views import LogoutView, redirect_to_login
from django.urls import include, path, reverse
from drf_spectacular.views import SpectacularAPIView
from two_factor.urls import urlpatterns as two_factor_urls

from wijkteam.accounts import api as accounts_api


def _admin_login(request, extra_context=None):
    # The admin uses the product's own sign-in, with two-factor.
    return redirect_to_login(request.get_full_path(), reverse("two_factor:login"))


admin.site.login = _admin_login
admin.site.site_header = "Wijkteam"

api_patterns = [
    path("me/", accounts_api.me, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include("wijkteam.cases.api_urls")),
    path("", include("wijkteam.search.api_urls")),
    path("", include("wijkteam.assessment.api_urls")),
    path("", include("wijkteam.quality.api_urls")),
    path("", include("wijkteam.partners.api_urls")),
    path("", include("wijkteam.plans.api_urls")),
    path("", include("wijkteam.allocation.api_urls")),
    path("", include("wijkteam.insights.api_urls")),
]

urlpatterns = [
    path("", include(two_factor_urls)),
    path("uitloggen/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("wijkteam.core.urls")),
    path("", include("wijkteam.accounts.urls")),
    path("", include("wijkteam.people.urls")),
    path("", include("wijkteam.audit.urls")),
    path("", include("wijkteam.cases.urls")),
    path("", include("wijkteam.search.urls")),
    path("", include("wijkteam.portal.urls")),
    path("", include("wijkteam.assessment.urls")),
    path("", include("wijkteam.safety.urls")),
    path("", include("wijkteam.privacy.urls")),
    path("", include("wijkteam.quality.urls")),
    path("", include("wijkteam.partners.urls")),
    path("", include("wijkteam.plans.urls")),
    path("", include("wijkteam.catalogue.urls")),
    path("", include("wijkteam.allocation.urls")),
    path("", include("wijkteam.providers.urls")),
    path("", include("wijkteam.ijw.urls")),
    path("", include("wijkteam.insights.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("beheer/django/", admin.site.urls),
]

handler403 = "wijkteam.core.views.permission_denied"
handler404 = "wijkteam.core.views.page_not_found"
handler500 = "wijkteam.core.views.server_error"
