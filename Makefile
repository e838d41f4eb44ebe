# Socle — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help demo serve test lint check deploy-check audit catalogs messages bench clean-demo lock lock-check

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Every install comes from the lock files in deploy/requirements/, by hash: runtime.txt (Socle and what it
# runs on: demo, serve, the Docker image) and dev.txt (the same pins plus the tools: tests, checks,
# audit). Both also pin pip and setuptools, Socle's build backend, so that installing Socle itself
# (--no-deps --no-build-isolation) fetches nothing unpinned. A venv is built anew whenever a lock
# changes, so it holds exactly what the lock lists: nothing a former lock left behind.
RUNTIME_LOCK := deploy/requirements/runtime.txt
DEV_LOCK := deploy/requirements/dev.txt
define install_lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r $(1)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
endef

$(BIN)/.base: $(RUNTIME_LOCK) pyproject.toml
	$(call install_lock,$(RUNTIME_LOCK))
	touch $@

# The dev lock holds the runtime one's pins: a dev venv serves the runtime targets too.
$(BIN)/.dev: $(DEV_LOCK) $(RUNTIME_LOCK) pyproject.toml
	$(call install_lock,$(DEV_LOCK))
	touch $(BIN)/.base $@

catalogs: $(BIN)/.base ## Compile the UI translations (locale/*.po, the server's and the admin scripts') with Babel: no GNU gettext needed
	$(BIN)/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v '^compiling' || true
	$(BIN)/pybabel compile --domain djangojs --directory locale --statistics 2>&1 | grep -v '^compiling' || true

demo: $(BIN)/.base catalogs ## The three-city demo network on SQLite, served on http://*.localhost:$(PORT)
	@# update_translation_fields belongs to a fresh database only: later it would copy one language's
	@# text into another's empty fields.
	@if [ -f db.sqlite3 ]; then $(MANAGE) migrate --noinput; \
	else $(MANAGE) migrate --noinput && $(MANAGE) update_translation_fields; fi
	$(MANAGE) load_demo --port $(PORT)
	@# No broker here, hence no beat: go-live and expiry dates are honoured by a loop beside the server.
	$(MANAGE) run_scheduled_publishing & loop=$$!; trap 'kill $$loop 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: $(BIN)/.base catalogs ## The production topology here: gunicorn, a Celery worker and beat on DATABASE_URL, CELERY_BROKER_URL
	PORT=$(PORT) $(BIN)/python deploy/serve.py

test: $(BIN)/.dev catalogs ## The whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
	$(BIN)/pytest

lint: $(BIN)/.dev ## ruff
	$(BIN)/ruff check .

check: $(BIN)/.dev catalogs ## Django system checks and missing migrations
	$(MANAGE) check --database default --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

deploy-check: $(BIN)/.base ## Django's deployment checks on the production settings, with deploy/env.example
	env -i PATH="$$PATH" $$(grep -v '^#' deploy/env.example | grep .) $(MANAGE) check --deploy --fail-level WARNING

# A known vulnerability fails the audit. A package the index gives no vulnerability data for is named
# in a warning (a mirror of PyPI may serve none at all): the audit then proves nothing for it.
# No finding is ignored today; one that must be (no fix released, not reachable in Socle) is added
# here as --ignore-vuln ID with the reason beside it.
AUDIT_IGNORES :=
audit: $(BIN)/.dev ## Known vulnerabilities in the installed packages (pip-audit, asks PyPI)
	$(BIN)/pip-audit --skip-editable --progress-spinner off $(AUDIT_IGNORES)

messages: $(BIN)/.dev ## Refresh locale/*.po from the sources (needs GNU gettext)
	$(MANAGE) makemessages --no-location --no-obsolete -l fr -l ru -l hi -l kn --ignore '.venv/*'
	@# The admin scripts' messages (sites/translation/admin_messages.js), for Django's JavaScript catalog.
	$(MANAGE) makemessages --domain djangojs --no-location --no-obsolete -l fr -l ru -l hi -l kn --ignore '.venv/*' \
		--ignore 'test-artifacts/*' --ignore 'bench/*'

clean-demo: ## Forget the demo database (the next `make demo` builds it anew)
	rm -f db.sqlite3

bench: $(BIN)/.dev catalogs ## Benchmarks on PostgreSQL and Redis (web: wrk, chaos: redis-server); BENCH=chaos runs one; figures in bench/results.json
	BENCH_REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/13} \
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/socle_bench} \
	$(BIN)/python bench/run.py $(BENCH)

# The locks are written by uv (`uv pip compile`): it resolves for Python 3.11 on every platform at
# once (--universal: Linux for CI and the image, macOS for a developer), asks PyPI alone whatever pip
# or uv configuration the machine has (so every hash is PyPI's), keeps the pins of the existing lock
# unless told to upgrade, and takes a second. Its version is pinned because another release may
# resolve or write the same inputs differently; it lives in a venv of its own, outside the project's.
UV_VERSION := 0.13.9
LOCK_VENV := .venv-lock
UV := $(LOCK_VENV)/bin/uv
UV_STAMP := $(LOCK_VENV)/.uv-$(UV_VERSION)
# The build backend and the installer, from pyproject's [build-system] (not a dependency of anything).
BUILD_REQUIRES = $(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], "pip", sep="\n")'
# --no-config and the unset variables: no uv.toml, mirror or constraint of this machine reaches the lock.
COMPILE = env -u UV_INDEX -u UV_EXTRA_INDEX_URL -u UV_FIND_LINKS -u UV_CONSTRAINT -u UV_OVERRIDE \
	$(UV) pip compile --quiet --no-config --index-url https://pypi.org/simple --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock"
# dev first, then runtime within dev's pins: the two never pin a package differently.
define compile_locks
	$(BUILD_REQUIRES) | $(COMPILE) $(2) pyproject.toml - --extra dev -o $(1)/dev.txt
	$(BUILD_REQUIRES) | $(COMPILE) $(2) pyproject.toml - -c $(1)/dev.txt -o $(1)/runtime.txt
endef

$(UV_STAMP):
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --only-binary uv uv==$(UV_VERSION)
	touch $@

# UPGRADE=1 takes the newest release every range allows; UPGRADE_PACKAGE=babel only that package's.
lock: $(UV_STAMP) ## Refresh deploy/requirements/*.txt from pyproject.toml, keeping their pins (UPGRADE=1: newest of all)
	$(call compile_locks,deploy/requirements,$(if $(UPGRADE),--upgrade) $(if $(UPGRADE_PACKAGE),--upgrade-package $(UPGRADE_PACKAGE)))
	@echo "Locks written: run the suite (make test), then commit pyproject.toml and deploy/requirements/ together."

# Resolves pyproject.toml again with the committed pins preferred, so a newer release upstream changes
# nothing; a dependency added, removed or re-ranged without `make lock` does.
lock-check: $(UV_STAMP) ## Fail when pyproject.toml and deploy/requirements/*.txt disagree
	rm -rf $(LOCK_VENV)/check && mkdir -p $(LOCK_VENV)/check
	cp $(RUNTIME_LOCK) $(DEV_LOCK) $(LOCK_VENV)/check/
	$(call compile_locks,$(LOCK_VENV)/check,)
	$(PYTHON) deploy/requirements/compare_locks.py deploy/requirements $(LOCK_VENV)/check
