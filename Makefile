# Changwat: every target installs what it needs on first use, so a fresh clone needs nothing else.
# make help lists the targets; serve and test are the two a new clone needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.changwat-installed
NODE_STAMP := node_modules/.changwat-installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test publish survival browser clean help new-item production nginx

help:
	@echo "make serve  - live preview at http://127.0.0.1:8000 (build problems shown in the browser; mail at :8026)"
	@echo "make build  - strict build into site/ (a failed build leaves site/ untouched)"
	@echo "make check  - run the standards gate (checks/) on the existing site/"
	@echo "make test   - publish, survival, then the whole test suite, browser checks included"
	@echo "make survival - build the site with MkDocs and with ProperDocs, compare them, run the gate on the second"
	@echo "make publish - build, run the gate, rebuild with its results (compliance page), and gate again"
	@echo "make new-item SECTION=news SLUG=short-name - start an item in both languages, dated today"
	@echo "make edit   - the browser editor (Decap CMS, in Thai) at http://127.0.0.1:8082/admin/; saves into docs/ and data/"
	@echo "make service         - the participation service alone at http://127.0.0.1:8001 (make serve starts it too)"
	@echo "make service-export  - write data/service/*.json (answers, survey, visits) for the next build"
	@echo "make service-bench   - load benchmark of the service (service/bench/load.py)"
	@echo "make production     - the production profile: nginx with the generated security headers at"\
		"http://127.0.0.1:8080, the service behind it at http://127.0.0.1:8081 (deploy/README.md)"
	@echo "make bench          - build a 2,000-page-per-language site with Changwat and plain Material; BENCHMARKS.md"
	@echo "make screenshots    - the main pages on phones, tablet and desktop, both languages, every colour mode;"\
		"contact sheet at build/screenshots/index.html"

$(STAMP): pyproject.toml constraints.txt service/pyproject.toml service/requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt \
		-r service/requirements.txt -e '.[test]' -e service properdocs
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are needed for the HTML and accessibility checkers (Debian: apt-get install nodejs npm)."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The participation service (service/) for the preview: SQLite under .cache/, a secret made once per clone, mail
# caught by the preview's sink instead of sent (printed decoded here, inbox page at http://127.0.0.1:8026/).
# Variables already set in the environment win.
SERVICE_ENV = CHANGWAT_SERVICE_DB_URL="$${CHANGWAT_SERVICE_DB_URL:-sqlite:///.cache/service.db}" \
	CHANGWAT_SERVICE_SECRET="$${CHANGWAT_SERVICE_SECRET:-$$(cat .cache/service-secret)}" \
	CHANGWAT_SITE_ORIGIN="$${CHANGWAT_SITE_ORIGIN:-http://127.0.0.1:8000}" \
	CHANGWAT_SERVICE_PUBLIC_URL="$${CHANGWAT_SERVICE_PUBLIC_URL:-http://127.0.0.1:8001}" \
	CHANGWAT_SMTP_HOST="$${CHANGWAT_SMTP_HOST:-127.0.0.1}" CHANGWAT_SMTP_PORT="$${CHANGWAT_SMTP_PORT:-8025}" \
	CHANGWAT_SERVICE_COOKIE_SECURE="$${CHANGWAT_SERVICE_COOKIE_SECURE:-false}" \
	CHANGWAT_OFFICE_FILE="$${CHANGWAT_OFFICE_FILE:-$(CURDIR)/data/office.yml}" \
	CHANGWAT_OFFICE_LOGO="$${CHANGWAT_OFFICE_LOGO:-$(CURDIR)/docs/assets/images/logo.svg}"
# Starts the mail sink and the service in the background; both stop when the shell running the recipe ends.
SERVICE_START = $(BIN)/python -m changwat.preview.mailsink --smtp 127.0.0.1:8025 --inbox 127.0.0.1:8026 & smtp=$$!; \
	$(SERVICE_ENV) $(BIN)/python -m changwat_service serve --host 127.0.0.1 --port 8001 & svc=$$!; \
	trap 'kill $$svc $$smtp 2>/dev/null' EXIT; trap 'exit 0' INT TERM

.PHONY: service service-officer service-export service-bench

.cache/service-secret:
	@mkdir -p .cache && umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > $@

serve: $(STAMP) .cache/service-secret
	@$(SERVICE_START); CHANGWAT_SERVICE_URL=http://127.0.0.1:8001 $(BIN)/changwat serve -a 127.0.0.1:8000

service: $(STAMP) .cache/service-secret
	@$(SERVICE_START); echo "Service at http://127.0.0.1:8001; mail is printed here and at http://127.0.0.1:8026/." \
		"Back office: /th/admin/" \
		"(an account: make service-officer NAME=somsri). Ctrl-C stops it."; wait $$svc

service-officer: $(STAMP) .cache/service-secret
	$(SERVICE_ENV) $(BIN)/python -m changwat_service create-officer $(NAME)

service-export: $(STAMP) .cache/service-secret
	$(SERVICE_ENV) $(BIN)/python -m changwat_service export --out data/service

service-bench: $(STAMP)
	$(BIN)/python service/bench/load.py

# The site-growth benchmark: a synthetic site (benchmarks/synthetic.py) built with Changwat and with plain Material,
# in a temporary folder. Writes BENCHMARKS.md; fails when a budget does. About 15 minutes on 2 cores.
.PHONY: bench
bench: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

build: $(STAMP)
	$(BIN)/changwat build -f mkdocs.yml -d site

browser:
	@./checks/ensure-tools.sh

# --jobs 2: two browsers for axe on two cores: 153 s instead of 182 s over the sample site (one run each, same findings).
check: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/changwat check --site site --jobs 2

# The gate runs on the site as it will be published: the first pass writes the audit and check results that
# the compliance and recommendations pages publish, the second judges the site rebuilt with them.
publish: $(STAMP) $(NODE_STAMP) browser build
	$(BIN)/python -m changwat.checks --site site --jobs 2
	$(BIN)/python -m changwat.cli.build -f mkdocs.yml -d site
	$(BIN)/python -m changwat.checks --site site --jobs 2

# The survival path (README: if Material or MkDocs changes under you): the same sources built with MkDocs 1.6 and
# with ProperDocs, its maintained fork, must give the same site, and that site must pass the gate. Both builds go
# under build/survival/ and the gate's reports to build/survival/reports/, so site/ and the reports/ that the
# compliance page publishes stay as make publish left them.
SURVIVAL := build/survival
survival: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/python -m changwat.checks.compare_builds -f mkdocs.yml --out $(SURVIVAL)
	$(BIN)/python -m changwat.checks --site $(SURVIVAL)/properdocs --reports $(SURVIVAL)/reports --jobs 2

test: nginx publish survival
	$(BIN)/python -m pytest

# The production profile (deploy/README.md), run locally: the site built for a service at :8081, its security
# headers generated from that build, and Debian's nginx in the foreground with its own nginx.conf under
# build/production/ (pid, logs, temporary files; /etc/nginx is never touched). nginx serves the site on :8080 and
# proxies the service (started as make serve does) from :8081 to :8001. Ctrl-C stops all three.
PRODUCTION := build/production
NGINX ?= /usr/sbin/nginx
nginx:
	@CHANGWAT_NGINX=$(NGINX) ./deploy/ensure-nginx.sh

production: $(STAMP) .cache/service-secret nginx
	CHANGWAT_SERVICE_URL=http://127.0.0.1:8081 $(BIN)/python -m changwat.cli.build -f mkdocs.yml -d $(PRODUCTION)/site
	$(BIN)/python -m changwat.production --site $(PRODUCTION)/site --out $(PRODUCTION) \
		--listen 127.0.0.1:8080 --service-listen 127.0.0.1:8081 --upstream 127.0.0.1:8001
	@export CHANGWAT_SITE_ORIGIN=http://127.0.0.1:8080 CHANGWAT_SERVICE_PUBLIC_URL=http://127.0.0.1:8081 \
		CHANGWAT_SERVICE_TRUST_PROXY=127.0.0.1,::1 CHANGWAT_SITE_SITEMAP=$(CURDIR)/$(PRODUCTION)/site/sitemap.xml; \
		$(SERVICE_START); \
	echo "Site at http://127.0.0.1:8080, service at http://127.0.0.1:8081; logs in $(PRODUCTION)/logs/. Ctrl-C stops it."; \
	$(NGINX) -p $(CURDIR)/$(PRODUCTION) -c $(CURDIR)/$(PRODUCTION)/nginx.conf -g 'daemon off;'

# The browser editor for web officers: config generated from sections.yml and fields.yml (changwat/editor/), Decap
# CMS and decap-server (:8083, writing into this working tree; no login, local only) pinned in
# plugins/changwat/editor/package.json and installed on first use into .cache/editor/npm/, not by the gate's npm ci.
.PHONY: edit
edit: $(STAMP)
	$(BIN)/python -m changwat.editor -f mkdocs.yml --port 8082 --proxy-port 8083

# The citizen's design at a glance (issue 13): the main page kinds in Thai and English on three phones, a tablet and
# a desktop (Chromium device emulation), in every colour mode on a subset (plugins/changwat/screenshots/plan.yml),
# written with each shot's layout facts and a contact sheet to build/screenshots/. Fails when a shot breaks a rule
# (sideways scroll, heading below the phone's top third, office name cut); the sheet is written all the same.
# About 1.5 minutes on 2 cores.
.PHONY: screenshots
screenshots: $(STAMP) browser build
	$(BIN)/python -m changwat.screenshots --site site --out build/screenshots

new-item: $(STAMP)
	$(BIN)/changwat new-item $(SECTION) $(SLUG)

clean:
	rm -rf site .site.building .site.previous reports build/survival
