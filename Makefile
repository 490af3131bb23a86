# The two commands a new user runs: `make demo` and `make test`; `make bench` measures speed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: demo test bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,analytics]'
	touch $(STAMP)

venv: $(STAMP)

## demo: render the bundled store data/ to out/ (Markdown, HTML, Word, Excel), show one project, lint the store
demo: $(STAMP)
	$(BIN)/perfctl render data --format md --out out
	$(BIN)/perfctl render data --format html --out out
	$(BIN)/perfctl render data --format docx --out out
	$(BIN)/perfctl render data --format xlsx --out out
	$(BIN)/perfctl show data/389101/2025/自贸区法律服务经费.yaml
	@echo
	$(BIN)/perfctl lint data
	@echo
	@echo "Rendered documents are in out/:"
	@ls -1 out/*.md out/*.html out/*.docx out/*.xlsx

## test: run the test suite, on every core (pytest-xdist)
test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

## bench: time lint, render, export, diff, score and start-up on synthetic stores of 1,000 and 10,000
## projects against a libyaml baseline measured in the same run; table on stdout, figures in out/bench.json
bench: $(BENCH_STAMP)
	$(BIN)/python tests/bench/run.py --json out/bench.json

clean:
	rm -rf $(VENV) out build dist *.egg-info
