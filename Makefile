# Voxelscope — `make run` opens the demo, `make check` runs every test suite.
# Both install what is missing on Debian 12 first (apt-get; root or sudo).

BUILD ?= _build
ASAN_BUILD ?= _build-asan
TSAN_BUILD ?= _build-tsan

APT_PACKAGES = \
	meson ninja-build pkg-config gcc gettext \
	libgtk-4-dev libepoxy-dev libcglm-dev libnifti2-dev zlib1g-dev \
	libopenblas-dev liblapacke-dev libjson-glib-dev libegl-dev libcairo2-dev libpng-dev \
	libblosc-dev libzstd-dev \
	libegl-mesa0 libgl1-mesa-dri libglx-mesa0 \
	adwaita-icon-theme fonts-dejavu-core \
	xvfb xauth desktop-file-utils appstream poppler-utils \
	mricron-data python3 python3-nibabel python3-zarr

.PHONY: all deps build run check check-asan check-tsan clean

all: build

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	$(BUILD)/app/voxelscope

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dbuildtype=debugoptimized

# The unit and gl suites under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	build-aux/run-tests-asan $(ASAN_BUILD)

$(TSAN_BUILD)/build.ninja:
	meson setup $(TSAN_BUILD) -Db_sanitize=thread -Db_lundef=false -Dbuildtype=debugoptimized

# The job runner's and the threaded analyses' tests under ThreadSanitizer (only what they need
# is built).
TSAN_TESTS = tests/test-volume tests/test-ridge tests/test-encoding-model
check-tsan: deps $(TSAN_BUILD)/build.ninja
	ninja -C $(TSAN_BUILD) $(TSAN_TESTS)
	build-aux/run-tests-tsan $(TSAN_BUILD)

# Every suite: first under the sanitizers, then the normal build (unit, gl, display).
check: build check-asan check-tsan
	build-aux/run-tests $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)
