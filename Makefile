# Hamkor: every command a developer needs. `make run` and `make test` are the two that matter first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/hamkor
TEST_ENV := DJANGO_SETTINGS_MODULE=hamkor.test_settings
PROD_ENV := HAMKOR_DEBUG=0 HAMKOR_SECRET_KEY=check-deploy-$$(date +%s%N)-not-a-real-secret-but-long-enough-for-django \
	HAMKOR_DATA_KEY=Y2hlY2stZGVwbG95LW9ubHktMzItYnl0ZXMtbG9uZyE= HAMKOR_ALLOWED_HOSTS=hamkor.example.org

.PHONY: run test install system-packages lint typecheck check-deploy messages check-messages test-sqlite test-postgres test-api postgres bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# Debian packages: chromium for the browser tests, gettext to compile the translation catalogues.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

LANGS := -l ru -l uz -l kk -l ky -l tg -l tk

messages: install system-packages
	cd hamkor && HAMKOR_DEBUG=1 ../$(BIN)/hamkor compilemessages -v0

# Fails when a user-facing string in the code is missing from the catalogues (they are updated in place).
check-messages: install system-packages
	@rm -rf var/locale-before && mkdir -p var && cp -r hamkor/locale var/locale-before
	cd hamkor && HAMKOR_DEBUG=1 ../$(BIN)/hamkor makemessages $(LANGS) --no-obsolete --ignore 'tests/*' -v0
	@$(BIN)/python -m hamkor.core.catalogues var/locale-before hamkor/locale || \
	  { echo "Translation catalogues were out of date and are now updated: translate the new strings in hamkor/locale."; exit 1; }

run: install system-packages messages
	@mkdir -p var
	HAMKOR_DEBUG=1 $(BIN)/hamkor migrate -v0
	HAMKOR_DEBUG=1 $(BIN)/hamkor seed_demo
	@echo ""
	@echo "Hamkor is starting on http://127.0.0.1:8000/ — sign in with one of the demo logins above."
	@echo "Roles that touch personal data enrol an authenticator app at first sign-in. Ctrl-C stops everything."
	@HAMKOR_DEBUG=1 $(BIN)/hamkor worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	HAMKOR_DEBUG=1 $(BIN)/hamkor runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy hamkor

check-deploy: install
	HAMKOR_DEBUG=1 $(BIN)/hamkor makemigrations --check --dry-run
	$(PROD_ENV) $(BIN)/hamkor check --deploy --fail-level WARNING

test-sqlite: install system-packages messages
	$(TEST_ENV) $(BIN)/pytest -q

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done

test-postgres: install messages postgres
	$(TEST_ENV) HAMKOR_DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"

test: lint typecheck check-deploy check-messages test-sqlite test-postgres

# The API contract alone, searching deeper than `make test` (which runs it too, 15 examples per operation).
test-api: install
	$(TEST_ENV) HAMKOR_API_EXAMPLES=200 $(BIN)/pytest -q hamkor/core/tests/test_api_contract.py

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var/hamkor.sqlite3* var/static
