# seqbench: `make run` runs the main job, `make test` passes the tests. Both install what is missing
# (scripts/bootstrap: Debian packages through apt-get as root, or the exact command to run).
SWIFT ?= swift
BIN := .build/release/seqbench

.PHONY: run test build bootstrap smoke clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build -c release --product seqbench

# The main job: experiments/quickstart.yaml, numbers into results/quickstart (with report.md and a
# self-contained report.html), pictures into plots/quickstart. Rerunning continues where an
# interrupted run stopped.
run: build
	$(BIN) run experiments/quickstart.yaml --out results/quickstart --resume --no-plots
	$(BIN) plot results/quickstart --out plots/quickstart --format png,svg
	$(BIN) report results/quickstart --plots plots/quickstart

# Unit and end-to-end tests, then seqbench gating itself against its committed baseline. The tests
# load OpenBLAS with the kernels the seqbench binary chose (`seqbench blas`: where OpenBLAS does not
# know the CPU, seqbench sets OPENBLAS_CORETYPE to the CPU's widest kernels).
test: bootstrap
	$(SWIFT) build --build-tests
	coretype="$$(.build/debug/seqbench blas --coretype)"; \
	env $${coretype:+OPENBLAS_CORETYPE="$$coretype"} $(SWIFT) test --skip-build
	$(MAKE) smoke

smoke:
	scripts/ci-smoke

clean:
	rm -rf .build
