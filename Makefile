# Charter: `make run` serves on the embedded default, `make test` runs the whole suite.
# Both create .venv on first use; nothing needs installing by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1

.PHONY: install run test lint generate fuzz bench bench-data clean typecheck-ts

# The generated Python SDKs, installed the way a user would (editable, so `make generate` is seen).
SDKS := $(wildcard generated/python/*/pyproject.toml)

$(BIN)/charter: pyproject.toml $(SDKS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' $(foreach sdk,$(SDKS),-e $(dir $(sdk)))
	touch $@

install: $(BIN)/charter

run: install
	$(BIN)/charter serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

lint: install
	$(BIN)/ruff check charter handlers storage tests bench
	$(BIN)/ruff format --check charter handlers storage tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# Fixes first (they can leave code unformatted), then the formatter.
.PHONY: format
format: install
	$(BIN)/ruff check --fix charter handlers storage tests bench
	$(BIN)/ruff format charter handlers storage tests bench

test: install lint
	$(BIN)/pytest -q

generate: install
	$(BIN)/python -m charter.tools.generate

# The TypeScript client type-checks against the generated types (Node 20+; .ci/run runs it).
typecheck-ts:
	cd generated/typescript && npm ci --no-audit --no-fund && npx tsc --noEmit

fuzz: install
	CHARTER_FUZZ_EXAMPLES=$${CHARTER_FUZZ_EXAMPLES:-200} $(BIN)/pytest -q tests/contract/test_fuzz.py

# bench/run.py (identity endpoints vs Parse), then bench/data_scale.py (data collections at scale,
# BENCH_DATA=0 skips it), then bench/webhooks.py (webhook delivery, BENCH_WEBHOOKS=0 skips it),
# then bench/files.py (1 GiB uploads/downloads and a 100,000-file listing, BENCH_FILES=0 skips it);
# then bench/oauth.py (token and introspection rates, BENCH_OAUTH=0 skips it);
# all always run, the target fails if any did.
bench: install
	$(BIN)/python -m bench.run; status=$$?; \
	$(BIN)/python -m bench.data_scale || status=$$?; \
	$(BIN)/python -m bench.webhooks || status=$$?; \
	$(BIN)/python -m bench.files || status=$$?; \
	$(BIN)/python -m bench.oauth || status=$$?; \
	exit $$status

bench-data: install
	$(BIN)/python -m bench.data_scale

clean:
	rm -rf $(VENV) var .pytest_cache
