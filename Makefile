# ASN Portal — routine commands. The virtualenv lives in .venv/ (created on first use).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Tests run on Postgres and Redis (as in CI); override these to point elsewhere. When one does not
# answer, scripts/test_services.py starts a throwaway one from a pip-installed package.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/asn_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
HOST ?= 127.0.0.1:8000

.PHONY: run setup venv migrate messages demo test lint format bench worker beat check-deploy clean

run: setup demo ## set everything up and serve http://127.0.0.1:8000 with demo data
	DEBUG=1 $(PY) manage.py runserver $(HOST)

setup: venv migrate messages

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	DEBUG=1 $(PY) manage.py migrate --noinput

messages: venv ## compile the Indonesian catalog (the compiled .mo is committed as a fallback)
	@if command -v msgfmt >/dev/null 2>&1; then DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed locale/id/LC_MESSAGES/django.mo"; fi

demo: venv ## seed demo data when the database has no employees
	DEBUG=1 $(PY) manage.py seed_demo --employees 500 --if-empty

test: venv ## the whole test suite, on Postgres and Redis (embedded ones when none is running)
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) \
		$(PY) scripts/test_services.py $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	PYTHONPATH=. $(VENV)/bin/lint-imports --config .importlinter

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: venv ## every benchmark in bench/ (Postgres); see bench/README.md
	set -e; for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script; done

worker: venv ## a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A asn_portal worker -l info

beat: venv ## Celery beat with the django-celery-beat scheduler (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A asn_portal beat -l info

check-deploy: venv ## production settings (secure by default) pass Django's deployment checks
	env -u SECURE -u CELERY_BROKER_URL DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		ALLOWED_HOSTS=bkd.example.go.id $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
