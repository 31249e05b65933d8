# tenfoot: `make run` serves the browser app, `make test` installs what the tests need
# and runs every tier. See README.md.

PORT   ?= 8080
ADDR   ?= 127.0.0.1:$(PORT)
BUILD  := build
WEB    := $(BUILD)/web
SHOTS  ?= $(BUILD)/shots
GOROOT := $(shell go env GOROOT)
# The pure packages, which must also pass under GOOS=js with Node.
PURE   := ./i18n ./input ./ui/... ./screens/... ./app/... ./kiosk ./catalog ./demo $(wildcard ./session)
# The packages whose tests use PostgreSQL.
PGPKGS := ./cmd/tenfootd ./cmd/tenfootload ./session/sqlstore/...

.PHONY: run test web tenfootd native deps vet test-go test-wasm test-native test-browser clean

## run: build the browser app and serve it with the account service (PORT=8080 by default)
run: web tenfootd
	$(BUILD)/tenfootd -addr $(ADDR) -web $(WEB) -data $(BUILD)/data

## web: the browser build, precompressed, in build/web
web:
	mkdir -p $(WEB)
	GOOS=js GOARCH=wasm go build -trimpath -o $(WEB)/tenfoot.wasm ./cmd/tenfoot
	cp $(GOROOT)/lib/wasm/wasm_exec.js wasm/index.html wasm/tenfoot.css wasm/loader.js $(WEB)/
	scripts/fonts.sh $(WEB)/fonts
	go run ./wasm/precompress $(WEB)

tenfootd:
	go build -o $(BUILD)/tenfootd ./cmd/tenfootd

native:
	go build -o $(BUILD)/tenfoot ./cmd/tenfoot

## test: install what is missing, then vet and run every test tier
test: deps vet test-go test-wasm test-native test-browser

deps:
	scripts/install-deps.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet ./...
	GOOS=js GOARCH=wasm go vet ./wasm/... ./cmd/tenfoot $(PURE)

# The store's tests, tenfootd's and its replicas' run on SQLite and on a PostgreSQL
# started for them, and stopped after. Some of them stop, restart or cut off that
# server, which it shares with the others: those packages run one at a time, the rest
# in parallel.
test-go:
	go test -race $$(go list ./... | grep -v -e '/cmd/tenfootd$$' -e '/cmd/tenfootload$$' -e '/session/sqlstore')
	scripts/with-postgres.sh go test -race -p 1 $(PGPKGS)
	# Allocation counts are only meaningful without the race detector.
	go test -count=1 -run 'AllocatesNothing' ./...

test-wasm:
	GOOS=js GOARCH=wasm go test -exec "$(GOROOT)/lib/wasm/go_js_wasm_exec" $(PURE)

test-native:
	mkdir -p $(SHOTS)
	TENFOOT_XVFB=1 TENFOOT_SHOTS=$(abspath $(SHOTS)) go test -count=1 -run 'Native|BadFlags' -v ./cmd/tenfoot

test-browser: web tenfootd native
	mkdir -p $(SHOTS)
	TENFOOTD_BIN=$(abspath $(BUILD)/tenfootd) TENFOOT_BIN=$(abspath $(BUILD)/tenfoot) TENFOOT_WEB=$(abspath $(WEB)) TENFOOT_SHOTS=$(abspath $(SHOTS)) \
		node --test wasm/e2e/

clean:
	rm -rf $(BUILD)
