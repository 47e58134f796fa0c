# SPDX-License-Identifier: EUPL-1.2
# `make run`: fresh machine → running demo on the embedded SQLite database.
# `make test`: the whole test suite (set DATABASE_URL to run it against PostgreSQL).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export SCHAKEL_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: install
	$(BIN)/schakel demo

lint: install
	$(BIN)/ruff check src tests bench

test: install lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest -n 2 --dist loadfile

clean:
	rm -rf $(VENV) var
