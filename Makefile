# seqbench: `make run` runs the main job, `make test` passes the tests. Both install what is missing.
SWIFT ?= swift
BIN := .build/release/seqbench

.PHONY: run test build bootstrap clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build -c release --product seqbench

run: build
	$(BIN) run experiments/quickstart.yaml --out results/quickstart

test: bootstrap
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
