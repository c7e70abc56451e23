# Two entry points (README): `make studio` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= $(HOME)/.local/share/missive-studio/demo

export QT_QPA_PLATFORM ?= offscreen

.PHONY: install studio test lint typecheck bench bench-keystroke catalogs build runtime clean

# The venv is rebuilt when pyproject.toml changes; system packages Qt needs come first.
$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Opens the studio window on the demo copy. Without a display (a container, CI) there is
# no window to open: it renders one offscreen and saves a picture of it instead.
studio: $(STAMP)
	@test -f "$(DEMO)/missive.toml" || $(BIN)/missive new "$(DEMO)"
	@if [ -n "$(DISPLAY)$(WAYLAND_DISPLAY)" ]; then \
	  QT_QPA_PLATFORM= $(BIN)/missive studio "$(DEMO)"; \
	else \
	  echo "No display: saving a picture of the studio window instead of opening it."; \
	  $(BIN)/missive studio "$(DEMO)" --template invoice_ready --screenshot "$(DEMO)/../studio.png"; \
	fi

# Lint first: a tree that ruff rejects does not pass CI.
test: $(STAMP)
	$(BIN)/ruff check app tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks

# The headless packages ([tool.mypy] in pyproject); tests/test_typecheck.py runs the same.
typecheck: $(STAMP)
	$(BIN)/python -m mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/render_email.py

bench-keystroke: $(STAMP)
	$(BIN)/python benchmarks/keystroke_preview.py

# Interface strings: extract from app/ui into locales/missive.pot and merge into the
# he/ar catalogs (new strings arrive empty; the catalog test fails until translated).
catalogs: $(STAMP)
	$(BIN)/pybabel extract --project "Missive Studio" --version 0.1 --no-location --no-wrap -k msg \
	  --sort-output -o locales/missive.pot app/ui app/kernel/channels app/core/checks/rules app/core/checks/sample_fix.py \
	  app/core/sample_schema.py app/core/translate/importer.py app/core/copy \
	  app/core/workspace/template_settings.py app/core/workspace/new_template.py \
	  app/core/devices.py app/core/review/states.py
	$(BIN)/pybabel update -i locales/missive.pot -d locales -D missive --no-wrap \
	  --no-fuzzy-matching --ignore-obsolete

build: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[build]'
	$(BIN)/pyinstaller --noconfirm build.spec

# The standalone runtime wheel (missive-runtime, import name missive_runtime) into dist/.
runtime: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps ./runtime -w dist

clean:
	rm -rf $(VENV) build dist .pytest_cache runtime/src
