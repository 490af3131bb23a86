# The two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## demo: render the bundled store data/ to out/ (Markdown and HTML), show one project, lint the store
demo: $(STAMP)
	$(BIN)/perfctl render data --format md --out out
	$(BIN)/perfctl render data --format html --out out
	$(BIN)/perfctl show data/389101/2025/自贸区法律服务经费.yaml
	@echo
	$(BIN)/perfctl lint data
	@echo
	@echo "Rendered documents are in out/:"
	@ls -1 out/*.md out/*.html

## test: run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out build dist *.egg-info
