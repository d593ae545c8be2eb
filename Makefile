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
