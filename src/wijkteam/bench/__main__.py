"""`python -m wijkteam.bench` (what `make bench` runs); see runner.py."""

# locust runs on gevent: patch the standard library before anything else imports it.
from gevent import monkey

monkey.patch_all()

from wijkteam.bench.runner import main  # noqa: E402

raise SystemExit(main())
