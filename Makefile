# The two commands a newcomer needs: `make run` and `make test`; `make check` is the fast loop
# while working, and `make bench` measures the site.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install css db run serve check test lint format bench lighthouse browser services backup restore

# Installs Debian packages named in $(1) that are not installed (a removed package whose
# configuration files remain counts as missing), with sudo unless root.
define apt_install
	@missing=""; for package in $(1); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
endef

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Bootstrap's Sass, only the parts the site uses (static/scss/bootstrap.scss), compiled from
# the npm registry's bootstrap and sass packages into a stylesheet that STATICFILES_DIRS
# serves; nothing is compiled at request time.
SASS_TOOLS := var/tools/sass
CSS := var/build/static/css/bootstrap.css
$(CSS): static/scss/bootstrap.scss
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq npm >/dev/null; }
	test -x $(SASS_TOOLS)/node_modules/.bin/sass || npm install --silent --no-save --no-audit \
	  --no-fund --prefix $(SASS_TOOLS) sass@1.83.4 bootstrap@5.3.3
	mkdir -p $(dir $(CSS))
	$(SASS_TOOLS)/node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
	  --silence-deprecation=import,global-builtin,color-functions,mixed-decls \
	  --load-path=$(SASS_TOOLS)/node_modules $< $@

css: $(CSS)

install: $(STAMP) $(CSS)

# Starts the embedded PostgreSQL (unless DATABASE_URL is set) and applies migrations.
db: install
	$(PY) manage.py migrate --noinput

# DEBUG is on only here. Ranked and Popularity are refreshed every 30 seconds alongside the
# development server, a job queue worker runs exports, and both stop with it.
run: db
	$(PY) manage.py loaddemo
	$(PY) manage.py refresh_rankings --every 30 >/dev/null & rankings=$$!; \
	$(PY) manage.py worker & worker=$$!; \
	trap 'kill $$rankings $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on this machine (README, "Deploying"): DEBUG off, static files collected and
# served by WhiteNoise, Django's deployment check, then gunicorn with WEB_CONCURRENCY workers
# on HOST:PORT, logging one line per request. SIGTERM or Ctrl-C stops it gracefully.
serve: db
	@echo "Exports and imports need a job queue worker beside this: .venv/bin/python manage.py worker (README, Deploying)."
	DEBUG=false $(PY) manage.py collectstatic --noinput -v0
	DEBUG=false $(PY) manage.py check --deploy --fail-level WARNING
	exec env DEBUG=false PORT=$(PORT) REQUEST_LOG=$${REQUEST_LOG:-true} CONN_MAX_AGE=$${CONN_MAX_AGE:-600} \
	  $(BIN)/gunicorn -c python:dramadb.gunicorn dramadb.wsgi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

# The browser tests drive Debian's Chromium; CJK fonts let screenshots show native titles.
# Every page's HTML goes through the Nu HTML checker, a Java program from the npm registry.
VNU_VERSION := 26.9.27
VNU_JAR := var/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
browser:
	$(call apt_install,chromium fonts-noto-cjk default-jre-headless)
	@test -f $(VNU_JAR) || npm install --silent --no-save --no-audit --no-fund \
	  --prefix var/tools/vnu vnu-jar@$(VNU_VERSION)

# Tests of several servers start their own Redis (tests/servers/), from Debian's package.
services:
	$(call apt_install,redis-server)

# pytest-xdist workers, one per logical core (`TEST_WORKERS=1 make check` for one); each has a
# test database of its own (test_dramadb_gw0, …) on the same server.
TEST_WORKERS ?= logical

# The fast loop: lint, types, the migrations check and every test not marked slow, which leaves
# out the browser and the real servers, so neither Chromium nor Redis is needed.
check: lint db
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -m "not slow" -n $(TEST_WORKERS)

# Everything. The tests marked serial time real servers to the second, so they run after the
# rest, by themselves, where no test busy on the same cores can skew them. Both parts always
# run and either failing fails the target; each lists its 15 slowest tests.
test: lint db browser services
	$(PY) manage.py makemigrations --check --dry-run
	status=0; \
	$(BIN)/pytest -m "not serial" -n $(TEST_WORKERS) --durations=15 || status=$$?; \
	$(BIN)/pytest -m serial --durations=15 || status=$$?; \
	exit $$status

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The load benchmark (README, "Benchmark"). wrk is the load tool; Debian ships it.
bench: install
	$(call apt_install,wrk)
	$(PY) -m bench.run

# Lighthouse's scores for the main pages as production serves them (README, "Benchmark").
# Lighthouse 12 is the newest that runs on Node.js 20.
LIGHTHOUSE_VERSION := 12.8.2
lighthouse: install
	$(call apt_install,chromium fonts-noto-cjk)
	@test -x var/tools/lighthouse/node_modules/.bin/lighthouse || npm install --silent --no-save \
	  --no-audit --no-fund --prefix var/tools/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)
	$(PY) -m bench.lighthouse

# `make backup` writes var/backups/<time>.dump (or FILE=path); `make restore FILE=path`
# replaces the database's contents with it. Both work on the embedded server or DATABASE_URL.
backup: install
	$(PY) manage.py backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/….dump"; exit 2; }
	$(PY) manage.py restore $(FILE)
