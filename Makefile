# The two commands a new user runs: `make demo` and `make test`; `make bench` measures speed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# The Chinese message catalog: edited as .po, read as .mo (compiled here and by the build hook, hatch_build.py)
PO     := perfctl/i18n/locale/zh_CN/LC_MESSAGES/perfctl.po
MO     := $(PO:.po=.mo)

.PHONY: demo test bench venv clean i18n

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,analytics]'
	touch $(STAMP)

venv: $(STAMP) $(MO)

$(MO): $(PO) $(STAMP)
	$(BIN)/python -m perfctl.i18n.catalog compile

## i18n: extract the messages into the .po (new ones untranslated) and list what needs translating
i18n: $(STAMP)
	$(BIN)/python -m perfctl.i18n.catalog update
	-$(BIN)/python -m perfctl.i18n.catalog missing

## demo: render the bundled store data/ to out/ (Markdown, HTML, Word, Excel), show one project, lint the store
demo: $(STAMP) $(MO)
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
test: $(STAMP) $(MO)
	$(BIN)/python -m pytest -q -n auto

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

## bench: time lint, render, export, diff, score and start-up on synthetic stores of 1,000 and 10,000
## projects against a libyaml baseline measured in the same run; table on stdout, figures in out/bench.json
bench: $(BENCH_STAMP) $(MO)
	$(BIN)/python tests/bench/run.py --json out/bench.json

clean:
	rm -rf $(VENV) out build dist *.egg-info
