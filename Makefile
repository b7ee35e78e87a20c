# Wijkteam: every target creates the virtualenv it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_HOUSEHOLDS ?= 40
BENCH_CASES ?= 100000
BENCH_SECONDS ?= 15
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wijkteam_bench
BENCH_ARGS ?=

.PHONY: install demo test bench lint format messages openapi clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

## install: the virtualenv with the product and its test tools
install: $(STAMP)

## demo: SQLite, demo data, demo logins printed, served on http://127.0.0.1:8000
demo: $(STAMP)
	DJANGO_SETTINGS_MODULE=wijkteam.settings.demo $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=wijkteam.settings.demo $(BIN)/python manage.py seed_demo --seed 1 --households $(DEMO_HOUSEHOLDS)
	DJANGO_SETTINGS_MODULE=wijkteam.settings.demo $(BIN)/python manage.py runserver --insecure 127.0.0.1:8000

## test: the whole suite (SQLite unless DATABASE_URL is set), one worker per core
test: $(STAMP)
	$(BIN)/python -m pytest -n auto

## bench: volume data on PostgreSQL, gunicorn on loopback, locust at 1 and 16 users; prints
## one table and writes var/bench/result.json (docs/performance.md). BENCH_CASES=1000000 for
## the full size; BENCH_ARGS="--fresh" rebuilds the database.
bench: $(STAMP)
	$(BIN)/python -m wijkteam.bench --database-url $(BENCH_DATABASE_URL) \
	  --cases $(BENCH_CASES) --seconds $(BENCH_SECONDS) $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: extract translatable text into the Dutch catalogue, then compile it
messages: $(STAMP)
	cd src/wijkteam && ../../$(BIN)/django-admin makemessages -l nl --no-obsolete --add-location file
	$(BIN)/python scripts/compile_messages.py

## openapi: regenerate the committed OpenAPI document (tests fail when it is stale)
openapi: $(STAMP)
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
