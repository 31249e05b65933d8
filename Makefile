# tenfoot: `make run` serves the browser app, `make test` installs what the tests need
# and runs every tier. See README.md.

PORT   ?= 8080
ADDR   ?= 127.0.0.1:$(PORT)
BUILD  := build
WEB    := $(BUILD)/web
SHOTS  ?= $(BUILD)/shots
# Compressed copies of the browser build, by content hash (wasm/precompress -cache).
CACHE  := $(BUILD)/cache/precompress
GOROOT := $(shell go env GOROOT)
# The pure packages, which must also pass under GOOS=js with Node.
PURE   := ./i18n ./input ./ui/... ./screens/... ./app/... ./kiosk ./catalog ./demo $(wildcard ./session)
# The packages whose tests use PostgreSQL.
PGPKGS := ./cmd/tenfootd ./cmd/tenfootload ./session/sqlstore/...

.PHONY: measure-tv-cpu measure-wasm run test web web-tv tenfootd native deps deps-tv vet test-go test-wasm test-native test-browser test-tv test-image tv-packages clean

## run: build the browser app and serve it with the account service (PORT=8080 by default).
## It serves once the quick gzip copies are made; the slow brotli ones follow in the
## background (tenfootd serves each as it appears), and every copy is kept in
## build/cache by its source's hash, so the next run of the same build compresses nothing.
## The brotli copies stop with tenfootd, however it ends (Ctrl-C, its port taken).
run: PRECOMPRESS_FLAGS = -only gz
run: web tenfootd
	go build -o $(BUILD)/precompress ./wasm/precompress
	$(BUILD)/precompress -only br -cache $(CACHE) $(WEB) > $(BUILD)/precompress-br.log 2>&1 & br=$$!; \
	trap 'kill $$br 2>/dev/null' EXIT; \
	$(BUILD)/tenfootd -addr $(ADDR) -web $(WEB) -data $(BUILD)/data

## web: the browser build, precompressed, in build/web
web:
	mkdir -p $(WEB)
	GOOS=js GOARCH=wasm go build -trimpath -o $(WEB)/.tenfoot.wasm.new ./cmd/tenfoot
	@# Replaced only when it changed, so that an unchanged build is not compressed again.
	cmp -s $(WEB)/.tenfoot.wasm.new $(WEB)/tenfoot.wasm && rm $(WEB)/.tenfoot.wasm.new || mv $(WEB)/.tenfoot.wasm.new $(WEB)/tenfoot.wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js wasm/index.html wasm/tenfoot.css wasm/compat.js wasm/platform.js wasm/loader.js $(WEB)/
	scripts/fonts.sh $(WEB)/fonts
	go run ./wasm/precompress $(PRECOMPRESS_FLAGS) -cache $(CACHE) $(WEB)

## web-tv: the browser build and tenfoot-mvp.wasm, the same app lowered for TVs before
## Chromium 85 (2020-2021 models); about 20 s of Binaryen and a minute of brotli more
web-tv: web deps-tv
	scripts/lower-wasm.sh $(WEB)/tenfoot.wasm $(WEB)/tenfoot-mvp.wasm
	go run ./wasm/precompress -cache $(CACHE) $(WEB)

tenfootd:
	go build -o $(BUILD)/tenfootd ./cmd/tenfootd

native:
	go build -o $(BUILD)/tenfoot ./cmd/tenfoot

## test: install what is missing, then vet and run every test tier
test: deps vet test-go test-wasm test-native test-browser test-tv

deps:
	scripts/install-deps.sh

# Binaryen and the TV engines (old Chromium builds) from npm, unpacked in build/tv.
deps-tv:
	scripts/install-deps.sh tv

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	go vet ./...
	GOOS=js GOARCH=wasm go vet ./wasm/... ./cmd/tenfoot $(PURE)

## test-image: build deploy/Dockerfile with buildah and run the image (about ten minutes; not in `test`)
test-image:
	go test -count=1 -timeout 30m -run 'TestContainerImage' -v ./cmd/tenfootd

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
	TENFOOT_XVFB=1 TENFOOT_SHOTS=$(abspath $(SHOTS)) go test -count=1 -run 'Native|BadFlags' -v ./cmd/tenfoot ./game

test-browser: web tenfootd native
	mkdir -p $(SHOTS)
	TENFOOTD_BIN=$(abspath $(BUILD)/tenfootd) TENFOOT_BIN=$(abspath $(BUILD)/tenfoot) TENFOOT_WEB=$(abspath $(WEB)) TENFOOT_SHOTS=$(abspath $(SHOTS)) \
		node --test wasm/e2e/

# The browser build on the Chromium of TVs from 2018 to 2024: a walk through the app
# on each, the message of an engine too old for it, and the webOS and Tizen packages.
test-tv: web-tv tenfootd tv-packages
	mkdir -p $(SHOTS)
	TENFOOTD_BIN=$(abspath $(BUILD)/tenfootd) TENFOOT_WEB=$(abspath $(WEB)) TENFOOT_SHOTS=$(abspath $(SHOTS)) \
		TENFOOT_TV_ENGINES=$(abspath $(BUILD)/tv/engines) TENFOOT_TV_PACKAGES=$(abspath $(BUILD)/tv) \
		node --test --test-concurrency=1 wasm/tv/

## tv-packages: an LG webOS app (.ipk) and a Samsung Tizen app (.wgt, unsigned) in build/tv;
## TV_URL=https://… hosts them on that tenfootd, TV_KIOSK=kiosk.json makes them kiosks
tv-packages: web-tv
	go run ./wasm/tvpackage -web $(WEB) -out $(BUILD)/tv $(if $(TV_URL),-url '$(TV_URL)') $(if $(TV_KIOSK),-kiosk '$(TV_KIOSK)')

clean:
	rm -rf $(BUILD)

## measure-tv-cpu: the browser build in headless Chromium slowed 4× as a 2020 TV's CPU:
## first frame, key press to focus drawn, frame times while a row scrolls; composited
## in software, then on the GPU process (SwiftShader), as a TV composites on its GPU,
## then there with the presses 400 ms apart, at a person's pace, with motion, with
## reduced motion, and the bare app that only moves a rectangle (wasm/bare/keys)
measure-tv-cpu: web
	mkdir -p $(BARE)/keys
	GOOS=js GOARCH=wasm go build -trimpath -o $(BARE)/keys/app.wasm ./wasm/bare/keys
	cp $(GOROOT)/lib/wasm/wasm_exec.js wasm/bare/index.html $(BARE)/keys/
	TENFOOT_WEB=$(abspath $(WEB)) node wasm/e2e/tvcpu.mjs -rate 4
	TENFOOT_WEB=$(abspath $(WEB)) node wasm/e2e/tvcpu.mjs -rate 4 -gpu
	TENFOOT_WEB=$(abspath $(WEB)) node wasm/e2e/tvcpu.mjs -rate 4 -gpu -gap 400
	TENFOOT_WEB=$(abspath $(WEB)) node wasm/e2e/tvcpu.mjs -rate 4 -gpu -gap 400 -reduced-motion
	node wasm/e2e/tvcpu.mjs -rate 4 -gpu -gap 400 -bare $(abspath $(BARE))/keys

## measure-wasm: the browser build's first frame and size beside two bare Ebitengine
## apps (wasm/bare: one rectangle; one line of text/v2), in one Chromium, in turns
BARE := $(BUILD)/bare
measure-wasm: web
	for app in rect text; do \
		mkdir -p $(BARE)/$$app && \
		GOOS=js GOARCH=wasm go build -trimpath -o $(BARE)/$$app/app.wasm ./wasm/bare/$$app && \
		cp $(GOROOT)/lib/wasm/wasm_exec.js wasm/bare/index.html $(BARE)/$$app/ || exit 1; \
	done
	TENFOOT_WEB=$(abspath $(WEB)) BARE_WEB=$(abspath $(BARE)) node wasm/e2e/firstframe.mjs
