# goissu — make targets. Every target needs only Go (and, for the report
# browser test, Debian's chromium, which .ci/run installs).
GO        ?= go
RESULTS   ?= results
PKGS      ?= ./...
FUZZTIME  ?= 60s
SCENARIO  ?= clean-issu
RUN_ID    ?= demo-$(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: test lint vet bench fuzz conformance demo build

build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

lint: vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# The whole test suite: vet, then every package with the race detector,
# through gotestsum so CI gets JUnit in results/junit-tests.xml.
test: vet
	@mkdir -p $(RESULTS)
	$(GO) tool gotestsum --format pkgname-and-test-fails --junitfile $(RESULTS)/junit-tests.xml -- -race -timeout 15m $(PKGS)

conformance:
	$(GO) test ./parsers -run TestConformance -conformance.table -v -count=1 | grep -v '^=== RUN\|^    --- PASS\|^--- PASS' | tail -n 120

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# Each fuzz target for FUZZTIME (go test -fuzz takes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

demo:
	@echo "make demo: not yet available (the suites are not written yet)"
