// libFuzzer target over the interchange reader (core::readCaseload, then core::planImport against
// the default codebook and templates). The properties it checks are in interchange_property.hpp;
// a violation, a crash, a sanitizer report or a hang is a bug, and every input that finds one is
// stored in tests/fuzz/regressions/ and so becomes a test (tests/core/interchange_regression_test.cpp).
//
// Built only with clang: cmake --preset asan && cmake --build --preset asan --target interchange_fuzz.
// Commands for short (CI) and long runs: docs/reliability.md.

#include "interchange_property.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto problem = tessera::test::interchangeProblem(bytes, size % 2 == 1)) {
        std::fprintf(stderr, "interchange property violated: %s\n", problem->c_str());
        std::abort();
    }
    return 0;
}
