// Every input stored for the interchange fuzzer (the seed corpus in tests/fuzz/corpus and the
// inputs that once broke the reader, tests/fuzz/regressions) is checked here against the fuzzer's
// properties (tests/fuzz/interchange_property.hpp) in every CI run, with gcc and without
// libFuzzer: a bug the fuzzer found stays found.

#include "interchange_property.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> storedInputs(const std::string& folder) {
    std::vector<fs::path> inputs;
    const fs::path root = fs::path{TESSERA_FUZZ_DIR} / folder;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() != ".md") {
            inputs.push_back(entry.path());
        }
    }
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

} // namespace

TEST_CASE("every seed of the interchange fuzzer keeps the reader's promises", "[interchange][fuzz]") {
    const auto inputs = storedInputs("corpus");
    REQUIRE(inputs.size() >= 5);
    for (const auto& input : inputs) {
        CAPTURE(input.filename().string());
        const auto bytes = tessera::test::readFile(input);
        for (const bool replaceThemes : {false, true}) {
            const auto problem = tessera::test::interchangeProblem(bytes, replaceThemes);
            CHECK(problem == std::nullopt);
        }
        // The property holds for a reader that refuses everything too: the valid seeds must read.
        if (input.filename().string().rfind("valid_", 0) == 0) {
            CHECK_NOTHROW((void)tessera::core::readCaseload(bytes));
        } else {
            CHECK_THROWS_AS((void)tessera::core::readCaseload(bytes), tessera::core::ValidationError);
        }
    }
}

TEST_CASE("every input that once broke the interchange reader keeps the reader's promises", "[interchange][fuzz]") {
    const auto inputs = storedInputs("regressions");
    REQUIRE_FALSE(inputs.empty());
    for (const auto& input : inputs) {
        CAPTURE(input.filename().string());
        const auto bytes = tessera::test::readFile(input);
        for (const bool replaceThemes : {false, true}) {
            const auto problem = tessera::test::interchangeProblem(bytes, replaceThemes);
            CHECK(problem == std::nullopt);
        }
    }
}

// Found by the fuzzer: nlohmann-json reports a number beyond a double's range (1e999) with an
// out_of_range exception, which escaped readCaseload, so that tessera-cli import said "unexpected
// error" (exit 5) instead of "the input is invalid" (exit 1).
TEST_CASE("a number too large to read is invalid JSON, reported as a validation problem", "[interchange][fuzz]") {
    for (const char* json :
         {R"({"format": "tessera.caseload", "version": 1e999})", R"([1, 2, {"a": [true,null, -5.0e+999M}]])",
          R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "C-1",
                                 "sessions": [{"date": "2026-01-07", "duration_minutes": 1e999}]}]})"}) {
        CAPTURE(json);
        try {
            (void)tessera::core::readCaseload(json);
            FAIL("read");
        } catch (const tessera::core::ValidationError& error) {
            CHECK_THAT(error.what(), Catch::Contains("not valid JSON"));
        }
    }
}
