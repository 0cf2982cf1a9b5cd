# goissu — make targets. Every target needs only Go (and, for the report
# browser test, Debian's chromium, which .ci/run installs).
GO        ?= go
RESULTS   ?= results
PKGS      ?= ./...
FUZZTIME  ?= 60s
SCENARIO  ?= clean-issu
RUN_ID    ?= demo-$(shell date -u +%Y%m%dT%H%M%SZ)

.PHONY: test lint vet bench bench-parsers bench-fleet fuzz conformance demo build

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

# The issues' speed figures. Parsers: per-class medians over Genie's golden
# cases against Genie's own times (-v prints the table), then the large
# inputs. Fleet: 1000 lab devices in a separate process (snapshot, the
# replaced script's way, monitor), then event latency at 1000 devices.
# Artifacts go under BENCH_TMPDIR: tmpfs (/dev/shm) when there is one with
# 2 GiB free, so that what is measured is goissu's cost and not the disk's
# (a snapshot creates some 40,000 files; a container's /dev/shm is often
# 64 MiB); set it to a directory on the disk you mean to measure instead.
BENCH_TMPDIR ?= $(or $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 >= 2097152 { print "/dev/shm" }'),$(TMPDIR),/tmp)
bench-parsers:
	$(GO) test ./parsers -run '^$$' -bench GoldenSpeedup -benchtime 1x -v
	$(GO) test ./parsers/nxos ./parsers/iosxe ./parsers/iosxr -run '^$$' -bench Large -benchmem -benchtime 300ms

bench-fleet:
	TMPDIR=$(BENCH_TMPDIR) $(GO) test ./issu -run '^$$' -bench 'SnapshotLab1000|PythonWayLab' -benchtime 1x
	TMPDIR=$(BENCH_TMPDIR) $(GO) test ./issu -run '^$$' -bench 'MonitorLab1000' -benchtime 1x
	TMPDIR=$(BENCH_TMPDIR) GOISSU_BENCH_DEVICES=1000 $(GO) test ./issu/monitor/labtest -run '^$$' -bench EventLatency -benchtime 1x

# Each fuzz target for FUZZTIME (go test -fuzz takes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Suites: `go test ./suites` with goissu's flags. GOISSU_CWD lets relative
# -testbed/-policy paths resolve against where make ran.
TIME_SCALE ?= 60
MONITOR_DURATION ?= 45m
SUITE_TIMEOUT ?= 60m
TESTBED ?=
TARGET_IMAGE ?=
POLICY ?=
SUITE_FLAGS = -run-id $(RUN_ID) -results $(CURDIR)/$(RESULTS) \
	$(if $(TESTBED),-testbed $(TESTBED)) $(if $(TARGET_IMAGE),-target-image $(TARGET_IMAGE)) \
	$(if $(POLICY),-policy $(POLICY)) -monitor.duration $(MONITOR_DURATION)
GOTESTSUM = GOISSU_CWD=$(CURDIR) $(GO) tool gotestsum --format pkgname-and-test-fails --junitfile $(RESULTS)/$(RUN_ID)/junit$(1).xml --
SHOW_RESULT = status=$$?; \
	echo; if [ -f $(RESULTS)/$(RUN_ID)/summary.txt ]; then cat $(RESULTS)/$(RUN_ID)/summary.txt; fi; \
	echo "run:     $(RESULTS)/$(RUN_ID)/"; \
	if [ -f $(RESULTS)/$(RUN_ID)/report.json ]; then echo "report:  $(RESULTS)/$(RUN_ID)/report.json"; fi; \
	if [ -f $(RESULTS)/$(RUN_ID)/report.html ]; then echo "html:    $(RESULTS)/$(RUN_ID)/report.html"; fi; \
	echo "junit:   $(RESULTS)/$(RUN_ID)/junit$(1).xml"; exit $$status

.PHONY: validate pre monitor post report rollout

# The full pre -> monitor (ISSU in the built-in lab) -> post -> report run.
# make demo SCENARIO=crash-coredump shows a ROLLBACK.
demo:
	@mkdir -p $(RESULTS)/$(RUN_ID)
	@$(call GOTESTSUM,) -count=1 -timeout 10m ./suites $(SUITE_FLAGS) -scenario $(SCENARIO) -time-scale $(TIME_SCALE); $(call SHOW_RESULT,)

# Against a real testbed: make validate TESTBED=lab.yaml TARGET_IMAGE=nxos64-cs.10.4.3.F.bin RUN_ID=chg-4711
validate:
	@test -n "$(TESTBED)" || { echo "make validate: set TESTBED=<pyATS testbed>"; exit 2; }
	@mkdir -p $(RESULTS)/$(RUN_ID)
	@$(call GOTESTSUM,) -count=1 -timeout $(SUITE_TIMEOUT) ./suites $(SUITE_FLAGS); $(call SHOW_RESULT,)

# One phase each, sharing results/<run-id>/ (RUN_ID must be the same).
pre:
	@mkdir -p $(RESULTS)/$(RUN_ID)
	@$(call GOTESTSUM,-pre) -count=1 -timeout $(SUITE_TIMEOUT) ./suites -run '^TestPrecheck$$' $(SUITE_FLAGS); $(call SHOW_RESULT,-pre)
monitor:
	@$(call GOTESTSUM,-monitor) -count=1 -timeout $(SUITE_TIMEOUT) ./suites -run '^TestMonitor$$' $(SUITE_FLAGS); $(call SHOW_RESULT,-monitor)
post:
	@$(call GOTESTSUM,-post) -count=1 -timeout $(SUITE_TIMEOUT) ./suites -run '^TestPostcheck$$' $(SUITE_FLAGS); $(call SHOW_RESULT,-post)
report:
	@$(call GOTESTSUM,-report) -count=1 -timeout 5m ./suites -run '^TestReport$$' $(SUITE_FLAGS); $(call SHOW_RESULT,-report)

# Gated orchestration: goissu runs the upgrade itself, in canary waves
# (TestPrecheck, then TestRollout). APPROVE must equal RUN_ID; set both.
#   make rollout TESTBED=lab.yaml TARGET_IMAGE=nxos64-cs.10.4.3.F.bin RUN_ID=chg-4711 APPROVE=chg-4711
#   make rollout RUN_ID=lab-1 APPROVE=lab-1                     # built-in lab, SCENARIO, TIME_SCALE
APPROVE ?=
rollout:
	@test -n "$(APPROVE)" || { echo "make rollout: set APPROVE=<run-id>: the approval token must equal RUN_ID"; exit 2; }
	@test "$(APPROVE)" = "$(RUN_ID)" || { echo "make rollout: APPROVE=$(APPROVE) is not RUN_ID=$(RUN_ID): refusing"; exit 2; }
	@mkdir -p $(RESULTS)/$(RUN_ID)
	@$(call GOTESTSUM,-rollout) -count=1 -timeout $(SUITE_TIMEOUT) ./suites -run '^(TestPrecheck|TestRollout)$$' $(SUITE_FLAGS) \
		$(if $(TESTBED),,-scenario $(SCENARIO) -time-scale $(TIME_SCALE)) -issu.execute -issu.approve=$(APPROVE); \
		status=$$?; if [ -f $(RESULTS)/$(RUN_ID)/rollout.txt ]; then cat $(RESULTS)/$(RUN_ID)/rollout.txt; fi; (exit $$status); $(call SHOW_RESULT,-rollout)
