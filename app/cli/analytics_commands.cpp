// tessera-cli themes and caseload: theme tracking for one client and across the caseload.
// The numbers come from tessera/core/analytics.hpp and caseload.hpp; analytics_output.cpp presents them.

#include "analytics_output.hpp"
#include "cli_errors.hpp"
#include "commands.hpp"

#include "tessera/core/analytics.hpp"
#include "tessera/core/caseload.hpp"
#include "tessera/core/date.hpp"

#include <fmt/core.h>

#include <optional>
#include <string>
#include <string_view>

namespace tessera::cli {
namespace {

// Labels and quotes are the clinician's own text; should one hold invalid UTF-8, print a
// replacement character rather than fail half-way through the document.
std::string dumpJson(const nlohmann::ordered_json& json) {
    return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

int runThemes(const GlobalOptions& global, const ThemesOptions& options) {
    // Check the options before asking for the passphrase.
    core::AnalysisOptions analysisOptions;
    const auto period = parsePeriod(options.from, options.to);
    analysisOptions.from = period.from;
    analysisOptions.to = period.to;
    analysisOptions.window = options.window; // 2-1000, checked by the option parser

    const auto vault = openVault(global);
    const auto client = requireClient(vault, options.client);
    const auto record = vault.clientRecord(client.id, storage::RecordContent::WithoutTexts);
    const auto analysis = core::analyseClient(record, vault.codebook(), analysisOptions);
    if (options.json) {
        fmt::print("{}\n", dumpJson(themesJson(analysis, record, analysisOptions)));
    } else {
        fmt::print("{}", themesTable(analysis, record, analysisOptions));
    }
    return kExitOk;
}

int runCaseload(const GlobalOptions& global, bool json) {
    const auto vault = openVault(global);
    const auto codebook = vault.codebook();
    const core::AnalysisOptions options;
    const auto caseload = core::analyseCaseload(vault.caseloadObservations(), codebook, options);
    if (json) {
        fmt::print("{}\n", dumpJson(caseloadJson(caseload, codebook, options.window)));
    } else {
        fmt::print("{}", caseloadTable(caseload, codebook, options.window));
    }
    return kExitOk;
}

} // namespace tessera::cli
