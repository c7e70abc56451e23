# Two entry points (README): `make studio` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= $(HOME)/.local/share/missive-studio/demo

export QT_QPA_PLATFORM ?= offscreen

.PHONY: install studio test lint bench build clean

# The venv is rebuilt when pyproject.toml changes; system packages Qt needs come first.
$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

studio: export QT_QPA_PLATFORM := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)
studio: $(STAMP)
	@test -f "$(DEMO)/missive.toml" || $(BIN)/missive new "$(DEMO)"
	$(BIN)/missive summary "$(DEMO)"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/render_email.py

build: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[build]'
	$(BIN)/pyinstaller --noconfirm build.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache
