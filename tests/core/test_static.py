"""Production's static files: collectstatic with the manifest storage succeeds (a vendored
file that pointed at a missing source map once made it fail). Production's WhiteNoise
storage adds compression to this same manifest step; the test leaves that out (slow)."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/chartjs/chart.umd.min.*.js"))
