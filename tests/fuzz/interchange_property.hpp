#pragma once

// What must hold for any bytes given to the interchange reader; checked by the libFuzzer target
// (interchange_fuzz.cpp) and, for every stored input, by tests/core/interchange_regression_test.cpp.
//
// - core::readCaseload returns a document or throws core::ValidationError: nothing else;
// - a document that was read is written back and read again to the same document;
// - core::planImport, against the default codebook and templates, returns a plan or throws
//   core::ValidationError.

#include "tessera/core/codebook.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/core/validation.hpp"

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::test {

// nullopt when the properties hold for `bytes`; otherwise what went wrong.
inline std::optional<std::string> interchangeProblem(std::string_view bytes, bool replaceThemes = false) {
    using namespace tessera::core;
    CaseloadDocument document;
    try {
        document = readCaseload(bytes);
    } catch (const ValidationError&) {
        return std::nullopt; // refused, with the problems listed: the expected outcome for most inputs
    } catch (const std::exception& error) {
        return std::string{"readCaseload threw something other than ValidationError: "} + error.what();
    }
    try {
        const auto written = writeCaseload(document);
        if (!(readCaseload(written) == document)) {
            return std::string{"write -> read does not give the same document back:\n"} + written;
        }
    } catch (const std::exception& error) {
        return std::string{"a document that was read could not be written and read back: "} + error.what();
    }
    try {
        (void)planImport(std::move(document), defaultCodebook(), defaultTemplates(), {"C-001", "D-001"},
                         ImportOptions{replaceThemes});
    } catch (const ValidationError&) {
        return std::nullopt;
    } catch (const std::exception& error) {
        return std::string{"planImport threw something other than ValidationError: "} + error.what();
    }
    return std::nullopt;
}

} // namespace tessera::test
