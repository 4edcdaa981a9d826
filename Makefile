# newsfilters — `make` builds bin/nf-*; `make test` runs the suite twice (plain, then
# under AddressSanitizer+UndefinedBehaviorSanitizer) and prints "N passed, N failed";
# `make test-quick` runs it once on the plain build.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1
CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS = libpcre2-8 libutf8proc zlib
NF_CFLAGS = -Ilib -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
NF_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lcsv
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

FILTERS = normalize split extract-money extract-dates tag-entities dedupe
# lib/ is grouped by layer, each including only those before it: core < text < extract, dedupe
# (lib/gen/layers.sh checks it, from tests/lint.bats); the language identifier links last
LAYERS = core text extract dedupe
LIBSRC = $(filter-out lib/text/langid.c,$(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.c))) lib/text/langid.c
LIBHDR = $(foreach l,$(LAYERS),$(wildcard lib/$(l)/*.h))

B ?= build
BIN ?= bin
DATA = $(sort $(filter-out lib/data/clusters/%,$(wildcard lib/data/*.tsv lib/data/*/*.tsv))) # the clusters go into the models, not the programs
LIBOBJ = $(LIBSRC:lib/%.c=$(B)/%.o) $(DATA:lib/data/%.tsv=$(B)/data/%.o)
PROGS = $(FILTERS:%=$(BIN)/nf-%)

# the entity models as kept (NFNER2, compact) and as the filter maps them (NFNER4, made here)
MODELS = $(wildcard lib/data/models/ner-*.model)
MAPPED = $(MODELS:.model=.nfm)

all: $(B)/.deps $(PROGS) $(MAPPED) $(B)/failshim.so

$(B)/.deps: lib/gen/deps.sh
	@mkdir -p $(B)
	@CC="$(CC)" sh lib/gen/deps.sh build
	@touch $@

$(B)/%.o: lib/%.c $(LIBHDR) | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(NF_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/embed: lib/gen/embed.c | $(B)/.deps
	$(CC) -O1 $< -o $@

# each data file becomes a C string: lib/data/split/abbrev-cldr.tsv -> nf_data_split_abbrev_cldr
$(B)/data/%.c: lib/data/%.tsv $(B)/embed
	@mkdir -p $(dir $@)
	$(B)/embed nf_data_$(subst -,_,$(subst /,_,$*)) $< > $@

$(B)/data/%.o: $(B)/data/%.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libnf.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/f-%.o: filters/%.c $(LIBHDR) | $(B)/.deps
	$(CC) $(NF_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BIN)/nf-%: $(B)/f-%.o $(B)/libnf.a
	@mkdir -p $(BIN)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(NF_LIBS) -o $@

# the fault-injection shim of tests/faults.bats: an LD_PRELOAD library (glibc) that fails the
# Nth read, write, open, malloc, rename, fsync or mmap; built plain, whatever CFLAGS say
$(B)/failshim.so: tests/fault/failshim.c | $(B)/.deps
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -g -fPIC -shared $< -o $@ -ldl

# the same programs built with sanitizers, in build-san/ and bin-san/
sanitize:
	$(MAKE) B=build-san BIN=bin-san CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all

test check: all sanitize
	@sh lib/gen/deps.sh test
	@tests/run.sh bin bin-san

# the suite once, on the plain build only: for day-to-day work (make test is the CI's)
test-quick: all
	@sh lib/gen/deps.sh test
	@tests/run.sh bin

eval: all $(B)/ner-tool
	NER_EXTRA=$(NER_EXTRA) tests/eval.sh

# the entity models: retrained from ../shared/data/ner by lib/gen/ner-models.sh (fixed seed
# and epochs: the same bytes); make eval runs the same recipe on the train splits alone.
# NER_EXTRA=DIR adds el fr pl pt ru tr from the sets lib/gen/nerdata made (without it, make
# models rewrites the six others and leaves those models as they are)
NER = ../shared/data/ner
$(B)/ner-tool: lib/gen/ner-tool.c $(B)/libnf.a
	$(CC) $(NF_CFLAGS) $(CFLAGS) $(LDFLAGS) $< $(B)/libnf.a $(NF_LIBS) -o $@

# word clusters from unlabeled text (lib/gen/clusters.c, recipe lib/gen/clusters.sh): make
# clusters rewrites lib/data/clusters, then make models puts them in the models
$(B)/nf-clusters: lib/gen/clusters.c $(B)/libnf.a
	$(CC) $(NF_CFLAGS) $(CFLAGS) $(LDFLAGS) $< $(B)/libnf.a $(NF_LIBS) -lm -o $@

clusters: $(B)/nf-clusters
	@test -d $(NER) || { echo "make clusters: no $(NER) (the NER training data)"; exit 1; }
	NER_EXTRA=$(NER_EXTRA) sh lib/gen/clusters.sh lib/data/clusters ../shared/data $(B)/nf-clusters $(CLUSTER_LANGS)

# a model mapped in place (NFNER4) beside the kept one: nf-tag-entities loads it in
# milliseconds (the .model, inflated, takes 0.1 s); rebuilt when the .model or the format (ner.c) changes
lib/data/models/%.nfm: lib/data/models/%.model lib/extract/ner.c | $(B)/ner-tool
	$(B)/ner-tool convert $< $@

models: $(B)/ner-tool
	@test -d $(NER) || { echo "make models: no $(NER) (the NER training data)"; exit 1; }
	NER_EXTRA=$(NER_EXTRA) sh lib/gen/ner-models.sh ship lib/data/models $(NER) $(B)/ner-tool

bench: all
	tests/bench.sh

# properties every filter keeps on the whole real corpus (rows in = out + reported, reruns,
# -N, stdin, parts; tests/invariants.sh); the suite runs the --quick subset
invariants: all
	tests/invariants.sh ../shared/data/corpus

# coverage-guided fuzzing (clang with libFuzzer, ASan+UBSan): a harness per filter and loader,
# tests/fuzz/NAME.c -> build-fuzz/fuzz-NAME, linked with the library built with the same
# sanitizers in build-fuzz/obj; each runs FUZZ_SECONDS (one after another), growing its corpus
# build-fuzz/corpus/NAME from its seeds build-fuzz/seeds/NAME (tests/fuzz/seeds.py: samples/,
# the case tables, TSV/CSV snippets, state files and models cut short or changed); a finding
# stops make fuzz and leaves build-fuzz/NAME-crash-* (or -timeout-, -leak-, -oom-). make
# fuzz-build only builds them (tests/fuzz.bats runs each over its seeds once).
FUZZ_SECONDS ?= 180
FUZZ_CC ?= clang
FUZZ_LEN ?= 4096
# the model loader's harness is built with 2^10 weights per tag instead of 2^18 (the same code:
# an execution is not spent copying and summing 0.5-1.5 MB of zero weights); the entity
# harness's tagger (lib/extract/ner.c: feature hashing, emissions, Viterbi, numeric loops) keeps
# its edge coverage without comparison tracing, which took half of each execution
FUZZ_NER_HBITS = 10
FUZZERS = reader split money dates entities dedupe ner norm
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FZ = build-fuzz
fuzz-build: all
	$(MAKE) B=$(FZ)/obj CC=$(FUZZ_CC) CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FZ)/obj/libnf.a
	$(FUZZ_CC) $(NF_CFLAGS) -DNF_NER_HBITS=$(FUZZ_NER_HBITS) -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
		-c lib/extract/ner.c -o $(FZ)/obj/ner-small.o
	$(FUZZ_CC) $(NF_CFLAGS) -g -O1 -fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp $(FUZZ_SAN) \
		-c lib/extract/ner.c -o $(FZ)/obj/ner-nocmp.o
	for h in $(FUZZERS); do \
		$(FUZZ_CC) $(NF_CFLAGS) -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) \
			$$( [ $$h = ner ] && echo -DNF_NER_HBITS=$(FUZZ_NER_HBITS) $(FZ)/obj/ner-small.o ) \
			$$( [ $$h = entities ] && echo $(FZ)/obj/ner-nocmp.o ) \
			tests/fuzz/$$h.c $(FZ)/obj/libnf.a $(NF_LIBS) -o $(FZ)/fuzz-$$h || exit 1; done
	rm -rf $(FZ)/seeds && python3 tests/fuzz/seeds.py $(FZ)/seeds

# nf-normalize's text path runs twice: --html, then FZ_MODE=k (NFKC + --ascii-punct).
# reader, dedupe and ner write each input to a file and load it: in memory (/dev/shm) unless
# TMPDIR says where (on a disk, ner ran 2.3 times slower)
FUZZ_TMP ?= $(or $(TMPDIR),$(if $(wildcard /dev/shm/.),/dev/shm,/tmp))
fuzz: fuzz-build
	for h in $(FUZZERS); do \
		echo "== fuzz-$$h ($(FUZZ_SECONDS) s)"; mkdir -p $(FZ)/corpus/$$h; \
		TMPDIR=$(FUZZ_TMP) $(FZ)/fuzz-$$h -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_LEN) -timeout=10 -close_fd_mask=2 \
			-artifact_prefix=$(FZ)/$$h- $(FZ)/corpus/$$h $(FZ)/seeds/$$h || exit 1; done
	FZ_MODE=k $(FZ)/fuzz-norm -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_LEN) -timeout=10 -close_fd_mask=2 \
		-artifact_prefix=$(FZ)/norm-k- $(FZ)/corpus/norm $(FZ)/seeds/norm

# the pipelines go next to the programs, named nf-NAME (pipelines/news-facts -> nf-news-facts);
# each finds the nf-* programs beside itself
PIPELINES = $(notdir $(wildcard pipelines/*))
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	for p in $(PIPELINES); do install -m 755 pipelines/$$p $(DESTDIR)$(BINDIR)/nf-$$p; done
	for f in $(FILTERS); do install -m 644 filters/$$f.1 $(DESTDIR)$(MANDIR)/nf-$$f.1; done
	install -d $(DESTDIR)$(PREFIX)/share/newsfilters/models
	install -m 644 lib/data/models/*.model lib/data/models/*.nfm $(DESTDIR)$(PREFIX)/share/newsfilters/models/

uninstall:
	for f in $(FILTERS); do rm -f $(DESTDIR)$(BINDIR)/nf-$$f $(DESTDIR)$(MANDIR)/nf-$$f.1; done
	for p in $(PIPELINES); do rm -f $(DESTDIR)$(BINDIR)/nf-$$p; done
	rm -rf $(DESTDIR)$(PREFIX)/share/newsfilters

clean:
	rm -rf build build-san build-fuzz bin bin-san
	rm -f lib/data/models/*.nfm

.PHONY: invariants all sanitize test test-quick check eval bench fuzz fuzz-build models clusters install uninstall clean
.SECONDARY:
