# The two commands of README.md:  make run  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOME_DIR ?= morgue-archive
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test chromium demo serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installed again whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, build the demo archive if there is none, serve it at http://$(HOST):$(PORT)
run: install
	$(BIN)/morgue --home $(HOME_DIR) demo --if-empty
	$(BIN)/morgue --home $(HOME_DIR) serve --host $(HOST) --port $(PORT)

## make test: install the test dependencies and run the whole suite (SQLite, then PostgreSQL when
## MORGUE_TEST_POSTGRES_URL names a server; .ci/run starts one and sets it).
test: install-test chromium
	$(BIN)/pytest -q
	@if [ -n "$$MORGUE_TEST_POSTGRES_URL" ]; then \
		echo "== the database tests again, on PostgreSQL =="; \
		DATABASE_URL="$$MORGUE_TEST_POSTGRES_URL" $(BIN)/pytest -q -m db_backends; \
	elif [ -n "$$CI" ]; then \
		echo "CI is set but MORGUE_TEST_POSTGRES_URL is not: the PostgreSQL run is required in CI" >&2; exit 1; \
	else \
		echo "(PostgreSQL run skipped: set MORGUE_TEST_POSTGRES_URL=postgres://user:pass@host/db to include it; .ci/run does)"; \
	fi

# The browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; \
		fi; \
	fi

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
