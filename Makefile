# gongkai — GNU make. `make run` and `make test` work on a fresh Debian 12:
# `deps` installs whatever Debian packages are missing first.

PREFIX	?= /usr/local
CC	?= cc
FUZZCC	?= clang
B	:= build

# Debian packages the build and tests need (checked with dpkg, installed with apt-get).
DEB_PKGS := build-essential pkg-config clang libclang-rt-14-dev sqlite3 python3 \
	libsqlite3-dev libxml2-dev libzip-dev libjansson-dev libcmocka-dev libsodium-dev \
	libmicrohttpd-dev zlib1g-dev libqrencode-dev curl \
	chromium fonts-noto-cjk wrk nginx-light \
	libxlsxwriter-dev libcairo2-dev libpango1.0-dev poppler-utils \
	libcurl4-openssl-dev zbar-tools \
	libreoffice-writer-nogui libreoffice-calc-nogui
PC_PKGS  := sqlite3 libxml-2.0 libzip jansson libsodium libmicrohttpd zlib libqrencode \
	xlsxwriter pangocairo libcurl

WARN	:= -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wpointer-arith -Wformat=2 -Wvla
BASE	:= -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -Isrc \
	   -DGK_CALENDAR_INSTALLED='"$(PREFIX)/share/gongkai/cn-holidays.tsv"'
PCFLAGS	 = $(shell pkg-config --cflags $(PC_PKGS) 2>/dev/null)
PCLIBS	 = $(shell pkg-config --libs $(PC_PKGS) 2>/dev/null)
REL_CFLAGS := $(BASE) -O2 -g
ASAN	:= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
DBG_CFLAGS := $(BASE) -O1 -g $(ASAN) -DGK_TESTING

LIB_SRC	:= $(sort $(wildcard src/core/*.c src/store/*.c src/report/*.c src/web/*.c src/doc/*.c src/channels/*.c))
CLI_SRC	:= $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

REL_OBJ	:= $(patsubst %.c,$(B)/rel/%.o,$(LIB_SRC) $(CLI_SRC))
DBG_LIB	:= $(patsubst %.c,$(B)/dbg/%.o,$(LIB_SRC))
DBG_CLI	:= $(patsubst %.c,$(B)/dbg/%.o,$(CLI_SRC))
TESTS	:= $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRC))
FUZZERS	:= $(patsubst fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
BENCHES	:= $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRC))

.PHONY: all run test unit bench fuzz install clean deps check-banned demo
.DELETE_ON_ERROR:

all: $(B)/gongkai

$(B)/gongkai: $(REL_OBJ)
	$(CC) $(REL_CFLAGS) $(PCFLAGS) -o $@ $^ $(PCLIBS) -lm

$(B)/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) $(PCFLAGS) -MMD -MP -c -o $@ $<

$(B)/dbg/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DBG_CFLAGS) $(PCFLAGS) -MMD -MP -c -o $@ $<

# The sanitizer build of the command, used by the CLI tests.
$(B)/gongkai-asan: $(DBG_LIB) $(DBG_CLI)
	$(CC) $(DBG_CFLAGS) -o $@ $^ $(PCLIBS) -lm

$(B)/tests/%: tests/unit/%.c tests/unit/harness.c tests/unit/harness.h tests/gen/report_gen.c tests/gen/report_gen.h $(DBG_LIB)
	@mkdir -p $(@D)
	$(CC) $(DBG_CFLAGS) $(PCFLAGS) -Itests/unit -Itests/gen -o $@ $< tests/unit/harness.c tests/gen/report_gen.c $(DBG_LIB) \
		$(PCLIBS) $(shell pkg-config --libs cmocka 2>/dev/null) -lm

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@# The browser tests' npm packages (tests/browser/package-lock.json), when
	@# node_modules is missing or older than the lockfile.
	@command -v npm >/dev/null 2>&1 || { echo "deps: npm not found (Node.js 20 with npm)"; exit 1; }
	@if [ ! tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]; then \
		cd tests/browser && npm ci --no-audit --no-fund; fi

# `make run`: the report engine on the shipped seed report, the demonstration
# database with its items and the bureau's 2025 report (published), then the
# portal on http://127.0.0.1:$(PORT)/ until Ctrl-C.
PORT	?= 8080

run: deps
	@$(MAKE) --no-print-directory all
	./$(B)/gongkai report check data/demo/seed-report-2025.txt
	./$(B)/gongkai --db $(B)/demo.db demo --force
	./$(B)/gongkai --db $(B)/demo.db item list --agency 1
	./$(B)/gongkai --db $(B)/demo.db report generate --agency 盐边县经济合作和商务局 --year 2025 --to text
	./$(B)/gongkai --db $(B)/demo.db report publish --agency 1 --year 2025
	./$(B)/gongkai --db $(B)/demo.db audit verify
	./$(B)/gongkai --db $(B)/demo.db serve --bind 127.0.0.1 --port $(PORT)

test: deps
	@$(MAKE) --no-print-directory check-banned
	@$(MAKE) --no-print-directory $(TESTS) $(B)/gongkai-asan $(B)/gongkai
	@B=$(B) sh tests/run.sh

check-banned:
	@if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets)[[:space:]]*\(' \
		$(LIB_SRC) $(CLI_SRC) src/*/*.h; then \
		echo "banned function used (see above)"; exit 1; fi

bench: deps $(BENCHES) $(B)/gongkai
	@for b in $(BENCHES); do ./$$b || exit 1; done
	@B=$(B) sh bench/bench_web.sh

$(B)/bench/%: bench/%.c tests/gen/report_gen.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) $(PCFLAGS) -Itests/gen -o $@ $< tests/gen/report_gen.c $(LIB_SRC) $(PCLIBS) -lm

fuzz: deps $(FUZZERS)

$(B)/fuzz/%: fuzz/%.c $(LIB_SRC)
	@mkdir -p $(@D)
	$(FUZZCC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -g -O1 \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(PCFLAGS) -o $@ $< $(LIB_SRC) $(PCLIBS) -lm

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongkai
	install -m 755 $(B)/gongkai $(DESTDIR)$(PREFIX)/bin/gongkai
	install -m 644 data/cn-holidays.tsv $(DESTDIR)$(PREFIX)/share/gongkai/

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
