# Two commands on a fresh machine:  make demo   and   make test
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= storyline.duckdb

.PHONY: demo test install lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

demo: install
	@$(BIN)/storyline ingest samples/corpus --db $(DB); rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@$(BIN)/storyline timeline --db $(DB) --limit 40
	@echo; echo "The database is $(CURDIR)/$(DB) -- try: $(BIN)/storyline stats --db $(DB)"

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/storyline
	$(BIN)/pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/storyline

bench: install
	$(BIN)/python bench/nlp_bench.py

clean:
	rm -rf $(VENV) $(DB) build *.egg-info
