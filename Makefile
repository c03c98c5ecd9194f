# Two commands set everything up from a clean clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
INBOX     ?= seeds
WAREHOUSE ?= warehouse/wirehouse.duckdb
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test lock clean

# uv, pinned by hash like everything else, installs the lock fast and checks every hash.
$(BIN)/uv: requirements-bootstrap.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.lock

# The virtual environment is rebuilt whenever the lock file or the project metadata changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

run: $(VENV)/.installed
	$(BIN)/wirehouse run --inbox $(INBOX) --warehouse $(WAREHOUSE)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lock: | $(BIN)/uv
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --generate-hashes --quiet -o requirements.lock
	echo "uv==$$($(BIN)/uv --version | cut -d' ' -f2)" | $(BIN)/uv pip compile - --python-version 3.11 \
		--generate-hashes --quiet --no-header -o requirements-bootstrap.lock

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/raw warehouse/data_docs
