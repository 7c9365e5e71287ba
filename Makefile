# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test bench clean

# (Re)install when requirements.txt is newer than the last install.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# One torch thread per session: many students share two cores (see ui/warmup.py).
run: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

# The rules first (ruff.toml; quick), then every test (tests/test_rules.py checks them again,
# with core/'s boundary: no streamlit).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	OMP_NUM_THREADS=1 $(PY) -m pytest -q

bench: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
