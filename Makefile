# Two commands set everything up from a clean clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
INBOX     ?= seeds
WAREHOUSE ?= warehouse/wirehouse.duckdb
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test test-fast docs lock clean system-packages bench bench-overlap eval-devdata bi bi-lock screenshots

# uv, pinned by hash like everything else, installs the lock fast and checks every hash.
$(BIN)/uv: requirements-bootstrap.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock

# The virtual environment is rebuilt whenever the lock file or the project metadata changes. Bytecode is
# compiled at install: with PYTHONDONTWRITEBYTECODE set, every run would compile its imports again (~2 s).
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

run: $(VENV)/.installed
	$(BIN)/wirehouse run --inbox $(INBOX) --warehouse $(WAREHOUSE)

# Apache Superset lives in a virtual environment of its own, from its own lock (bi/requirements.lock):
# its pins (SQLAlchemy 1.4, pandas 2.1) clash with the pipeline's. Built once, again when the lock changes.
VENV_BI := .venv-bi
BI_PORT ?= 8088
$(VENV_BI)/.installed: bi/requirements.lock | $(BIN)/uv
	$(PYTHON) -m venv $(VENV_BI)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(VENV_BI)/bin/python --require-hashes bi/requirements.lock
	touch $@

# Superset over the warehouse (built first when there is none), served on 127.0.0.1:$(BI_PORT).
bi: $(VENV)/.installed $(VENV_BI)/.installed
	@test -f $(WAREHOUSE) || $(BIN)/wirehouse run --inbox $(INBOX) --warehouse $(WAREHOUSE)
	$(BIN)/python bi/serve.py --warehouse $(WAREHOUSE) --port $(BI_PORT)

# PNGs of the dashboard and the report for docs/, taken by their browser tests.
screenshots: $(VENV)/.installed $(VENV_BI)/.installed system-packages
	mkdir -p docs
	WIREHOUSE_SCREENSHOTS=$(CURDIR)/docs $(BIN)/python -m pytest -q -k chromium tests/test_bi.py tests/test_cross_article.py

bi-lock: | $(BIN)/uv
	$(BIN)/uv pip compile bi/requirements.in --python-version 3.11 --generate-hashes --quiet -o bi/requirements.lock

test: $(VENV)/.installed $(VENV_BI)/.installed system-packages
	$(BIN)/python -m pytest -q

# The unit tier only: no Prefect, GX, spaCy model or subprocess; well under a minute.
test-fast: $(VENV)/.installed
	$(BIN)/python -m pytest -q -m "not e2e"

# The README's command reference, from --help (tests/test_cli.py fails when it is stale).
docs: $(VENV)/.installed
	$(BIN)/python -m flows.cli_reference

# Debian's Chromium renders the report in its test; Debian's PostgreSQL holds a DuckLake catalog
# in the DuckLake tests (started on loopback by the tests). Installed here when missing (as root).
system-packages:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -z "$$missing" ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } || \
		echo "could not install$$missing: the tests that need them will be skipped"

# The whole flow on N articles made from real ones, against the NER floor (make bench ARTICLES=10000).
bench: $(VENV)/.installed
	$(BIN)/python bench/pipeline.py --articles $${ARTICLES:-1000}

# Syndication at scale: N articles through fingerprinting and the overlap join.
bench-overlap: $(VENV)/.installed
	$(BIN)/python bench/overlap.py --articles $${ARTICLES:-100000}

# Scores on the development corpora in ../shared/devdata (make eval-devdata SAMPLE=100 for a quick look).
eval-devdata: $(VENV)/.installed
	$(BIN)/python bench/devdata.py --sample $${SAMPLE:-0}

lock: | $(BIN)/uv
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes --quiet -o requirements.lock
	echo "uv==$$($(BIN)/uv --version | cut -d' ' -f2)" | $(BIN)/uv pip compile - --python-version 3.11 \
		--generate-hashes --quiet --no-header -o requirements-bootstrap.lock

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/raw warehouse/data_docs
