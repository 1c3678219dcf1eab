# The two commands a new user needs: `make demo` and `make test`.
# Each sets up its own virtual environment in .venv (Python 3.11+ and git only).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit golden seed-shingles sample-photos bench bench-100k bench-resident bench-resident-100k bench-sync fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Check and build the sample newsroom, then serve every site at http://127.0.0.1:8000/.
demo: $(STAMP)
	$(BIN)/newsroom check
	$(BIN)/newsroom build --base-url http://127.0.0.1:8000/
	@echo "Newsroom demo: http://127.0.0.1:8000/ lists the sites (Ctrl+C stops the server)."
	$(BIN)/python -m generator.host.devserver --directory site --port 8000

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check generator sync tests fuzz
	$(BIN)/ruff format --check generator sync tests fuzz

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

# Regenerate the golden site after an intended output change; review `git diff tests/golden`.
golden: $(STAMP)
	$(BIN)/python -m tests.generator.test_golden --update

# The hashed six-word runs of ../shared/seeds that tests check the sample against.
seed-shingles: $(STAMP)
	$(BIN)/python -m tests.generator.content.test_repository --seed-shingles

# The sample newsroom's phone photos (content/assets/), drawn again from their seeds
# by tests/fixtures/phonephoto.py: 12 MP JPEGs with a phone's EXIF, GPS included.
sample-photos: $(STAMP)
	$(BIN)/python -m tests.fixtures.phonephoto

# Our build beside Hugo and Material's blog on the same corpus (not part of `make test`).
# RELEASES=1000 RUNS=1 make bench for a quick look.
RELEASES ?= 10000
RUNS ?= 3
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m tests.bench.build_bench --releases $(RELEASES) --runs $(RUNS) --json bench.json

# Cold build time and peak memory at 10,000 and 100,000 releases beside Hugo (one site),
# and how they grow (README, "Performance"): long, about an hour and a half.
bench-100k: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m tests.bench.build_bench --releases 10000 --growth-to 100000 --runs 1 --json bench-100k.json

# Coverage-guided fuzzing of release files (not in CI); stop with Ctrl+C, or
# FUZZ_ARGS=-max_total_time=60 make fuzz. Seeds in fuzz/corpus, the growing corpus in fuzz/work.
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,fuzz]'
	mkdir -p fuzz/findings fuzz/work && cp -n fuzz/corpus/* fuzz/work/
	$(BIN)/python fuzz/fuzz_release.py fuzz/work -artifact_prefix=fuzz/findings/ $(FUZZ_ARGS)

# The resident service (newsroom watch) at RELEASES releases and 300 office repositories.
bench-resident: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m tests.bench.residentbench --releases $(RELEASES) --json resident-bench.json

# The same at 100,000 releases: 6 pushes (the first central), none during an index run,
# 3 of hugo server's rebuilds; about 45 minutes on two cores (the service's cold build
# and its 39 indexes alone take 18, a central release's indexes 9) and 20 GB of disk.
bench-resident-100k: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m tests.bench.residentbench --releases 100000 --pushes 6 \
		--while-indexing 0 --hugo-edits 3 --json resident-bench-100k.json

# Sync timings over 300 local office repositories (not part of `make test`).
bench-sync: $(STAMP)
	$(BIN)/python -m tests.bench.sync_bench --json sync-bench.json

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
