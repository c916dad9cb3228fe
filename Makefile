# Changwat: every target installs what it needs on first use, so a fresh clone needs nothing else.
# make serve | build | check | test | bench-less targets below.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.changwat-installed
NODE_STAMP := node_modules/.changwat-installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test publish browser clean help new-item

help:
	@echo "make serve  - live preview at http://127.0.0.1:8000"
	@echo "make build  - strict build into site/ (a failed build leaves site/ untouched)"
	@echo "make check  - run the standards gate (checks/) on the existing site/"
	@echo "make test   - the whole test suite, browser checks included"
	@echo "make publish - build, run the gate, rebuild with its results (compliance page), and gate again"
	@echo "make new-item SECTION=news SLUG=short-name - start an item in both languages, dated today"

$(STAMP): pyproject.toml constraints.txt service/pyproject.toml service/requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		-r service/requirements.txt -e '.[test]' -e service
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are needed for the HTML and accessibility checkers (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/python -m changwat.build -f mkdocs.yml -d site

browser:
	@./checks/ensure-tools.sh

check: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/python -m checks --site site

# The gate runs on the site as it will be published: the first pass writes the audit and check results that
# the compliance and recommendations pages publish, the second judges the site rebuilt with them.
publish: $(STAMP) $(NODE_STAMP) browser build
	$(BIN)/python -m checks --site site
	$(BIN)/python -m changwat.build -f mkdocs.yml -d site
	$(BIN)/python -m checks --site site

test: publish
	$(BIN)/python -m pytest

new-item: $(STAMP)
	$(BIN)/python -m changwat.new_item $(SECTION) $(SLUG)

clean:
	rm -rf site .site.building .site.previous reports
