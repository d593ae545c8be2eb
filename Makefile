# zelfbeheer-adviseur: `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL := models/advisor.tar.gz
PYTHON ?= $(shell command -v python3.10 2>/dev/null || ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10*/bin/python 2>/dev/null | tail -n 1)
TRAINING_FILES := domain.yml config.yml $(shell find data -name '*.yml' 2>/dev/null)

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install train run shell test test-fast bench knowledge clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ] || ! "$(PYTHON)" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	  echo "Python 3.10 is nodig (Rasa 3.6 draait niet op een andere versie), maar die is niet gevonden."; \
	  echo "Installeer hem (bijvoorbeeld 'pyenv install 3.10.13') of geef hem op: make install PYTHON=/pad/naar/python3.10"; \
	  exit 1; fi
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip<24.1"
	$(BIN)/pip install --quiet -e ".[test]" -c constraints.txt
	touch $@

knowledge: $(STAMP)
	$(BIN)/python -m knowledge validate
	$(BIN)/python -m knowledge stats

train: $(MODEL)

$(MODEL): $(STAMP) $(TRAINING_FILES)
	$(BIN)/rasa train --fixed-model-name advisor --out models --quiet
	@touch $@

run: $(MODEL)
	$(BIN)/python -m bot.run serve

shell: $(MODEL)
	$(BIN)/python -m bot.run shell

test: $(MODEL)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

bench: $(MODEL)
	$(BIN)/python -m tests.bench.run_all

clean:
	rm -rf models var results .rasa .pytest_cache

# --- Microsoft Teams app package (bot/teams_package): manifest.json + icons, zipped for upload ---------------------
# The bot id comes from TEAMS_APP_ID (or app_id under bot.channels.teams.TeamsInput in credentials.yml).
.PHONY: teams-package
teams-package: $(STAMP)
	$(BIN)/python -m bot.teams_package.build --out dist/teams-app.zip
# --- end Microsoft Teams ----------------------------------------------------------------------------------------

# --- web widget (bot/web): the Socket.IO 4 browser client from the npm registry, into bot/web/node_modules ----
# `make run` also serves the chat page on WEB_PORT (default 8080); `make test` drives it in headless Chromium.
WEB_CLIENT := bot/web/node_modules/socket.io-client/dist/socket.io.min.js
.PHONY: web web-screenshot
web: $(WEB_CLIENT)

$(WEB_CLIENT): bot/web/package.json bot/web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is nodig voor de webwidget: apt-get install -y npm (of Node.js 18+)"; exit 1; }
	npm ci --prefix bot/web --no-audit --no-fund --loglevel=error
	@touch $@

run test: $(WEB_CLIENT)

# Re-take docs/screenshot-advies.png with the browser test.
web-screenshot: $(MODEL) $(WEB_CLIENT)
	UPDATE_SCREENSHOT=1 $(BIN)/python -m pytest tests/web -k intake -q
# --- end web widget ---------------------------------------------------------------------------------------------

# --- privacy (bot/retention.py): delete conversations whose last message is older than the retention period ------
# make purge-conversations [DAYS=N] [DRY_RUN=1]: without DAYS, RETENTION_DAYS (default 365); the tracker store of
# endpoints.yml, i.e. var/tracker.db of `make run`. For another database: python -m bot.retention --endpoints FILE.
.PHONY: purge-conversations
purge-conversations: $(STAMP)
	$(BIN)/python -m bot.retention $(if $(DAYS),--older-than-days "$(DAYS)") $(if $(DRY_RUN),--dry-run)
# --- end privacy ------------------------------------------------------------------------------------------------
