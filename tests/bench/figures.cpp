#include "figures.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace tessera::bench {
namespace {

// "4,215" / "85.3" / "0.412": enough digits to read, grouped thousands.
std::string formatValue(double value) {
    std::array<char, 64> buffer{};
    const double magnitude = std::fabs(value);
    const int decimals = magnitude >= 1000.0 ? 0 : magnitude >= 100.0 ? 1 : magnitude >= 1.0 ? 2 : 3;
    std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
    std::string text = buffer.data();
    if (decimals == 0) {
        const std::size_t digits = text[0] == '-' ? 1 : 0;
        for (auto at = text.size(); at > digits + 3;) {
            at -= 3;
            text.insert(at, ",");
        }
    }
    return text;
}

// Targets are round numbers: "3,000", "2", "1.5".
std::string formatRound(double value) {
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::fabs(value) >= 1000.0 ? formatValue(value) : std::to_string(static_cast<long long>(value));
    }
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%g", value);
    return buffer.data();
}

std::string formatTarget(const Figure& figure) {
    switch (figure.goal) {
    case Goal::AtMost: return "<= " + formatRound(figure.target) + " " + figure.unit;
    case Goal::AtLeast: return ">= " + formatRound(figure.target) + " " + figure.unit;
    case Goal::ReportOnly: break;
    }
    return "(reported)";
}

std::string percent(double share) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.0f%%", share * 100.0);
    return buffer.data();
}

std::string padded(std::string text, std::size_t width) {
    // Count UTF-8 code points, not bytes, so that "×" or "…" do not break the columns.
    std::size_t shown = 0;
    for (const char c : text) {
        shown += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    }
    if (shown < width) {
        text.append(width - shown, ' ');
    }
    return text;
}

// A time as a multiple of this run's key derivation.
std::optional<double> perKeyDerivation(const Figure& figure, const RunInfo& info) {
    if (figure.unit != "ms" || !figure.value || !info.keyDerivationMs || *info.keyDerivationMs <= 0.0) {
        return std::nullopt;
    }
    return *figure.value / *info.keyDerivationMs;
}

} // namespace

std::optional<bool> Figure::pass() const {
    if (!value || goal == Goal::ReportOnly) {
        return std::nullopt;
    }
    return goal == Goal::AtMost ? *value <= target : *value >= target;
}

void printFigures(std::ostream& out, const RunInfo& info, const std::vector<Figure>& figures) {
    const auto& shape = info.shape;
    out << "\n=== Tessera at the scale of a career: figures (" << info.mode << " run, " << info.build
        << " build) ===\n";
    if (info.build != "Release") {
        out << "NOTE: not a Release build; the figures are not representative. Build with\n"
               "      cmake --preset release && cmake --build --preset release --target tessera-bench\n";
    }
    out << "Caseload: " << shape.clients << " clients x " << (shape.clients > 0 ? shape.sessions / shape.clients : 0)
        << " sessions = " << formatValue(shape.sessions) << " notes (" << formatValue(shape.signedSessions)
        << " signed); " << formatValue(shape.sectionChars) << " characters of section text per note; "
        << formatValue(shape.observations) << " observations per note; a quote in " << percent(shape.notesWithQuote)
        << " of the notes (" << percent(shape.observationsQuoted) << " of observations); stages of change in "
        << percent(shape.notesWithStage) << ", decisional balance in " << percent(shape.notesWithBalance) << "; "
        << shape.addenda << " addenda.\n";
    out << "Vault files: encrypted " << formatValue(info.encryptedMb) << " MB, unencrypted copy "
        << formatValue(info.plainMb) << " MB. Per-client figures: client " << info.client << ".\n";
    for (const auto& note : info.notes) {
        out << note << "\n";
    }
    out << "Values are medians over the runs shown; cv is the runs' coefficient of variation.\n";
    if (info.keyDerivationMs) {
        out << "Yardsticks from this run: 'unencrypted' is the same work on the unencrypted copy; 'per KDF' is a\n"
               "time divided by this machine's key derivation ("
            << formatValue(*info.keyDerivationMs)
            << " ms, pure CPU), which stays about the same on a\n"
               "slower or faster machine when Tessera itself is unchanged.\n";
    }
    out << "\n";
    constexpr std::size_t kName = 84;
    constexpr std::size_t kValue = 18;
    constexpr std::size_t kTarget = 20;
    constexpr std::size_t kRuns = 12;
    constexpr std::size_t kPlain = 14;
    constexpr std::size_t kPerKdf = 10;
    out << padded("figure", kName) << padded("median", kValue) << padded("target", kTarget) << padded("runs, cv", kRuns)
        << padded("unencrypted", kPlain) << padded("per KDF", kPerKdf) << "result\n";
    out << std::string(kName + kValue + kTarget + kRuns + kPlain + kPerKdf + 6, '-') << "\n";
    int misses = 0;
    for (const auto& figure : figures) {
        const auto value = figure.value ? formatValue(*figure.value) + " " + figure.unit : std::string{"not run"};
        std::string runs = figure.runs > 0 ? std::to_string(figure.runs) : std::string{"-"};
        if (figure.cv > 0.0) {
            runs += ", " + percent(figure.cv);
        }
        const auto pass = figure.pass();
        misses += pass && !*pass ? 1 : 0;
        const auto plain = figure.unencrypted ? formatValue(*figure.unencrypted) + " " + figure.unit : std::string{"-"};
        const auto perKdf = perKeyDerivation(figure, info);
        out << padded(figure.name, kName) << padded(value, kValue) << padded(formatTarget(figure), kTarget)
            << padded(runs, kRuns) << padded(plain, kPlain)
            << padded(perKdf ? formatValue(*perKdf) : std::string{"-"}, kPerKdf)
            << (pass ? (*pass ? "PASS" : "MISS") : "-") << "\n";
        if (!figure.note.empty()) {
            out << "    " << figure.note << "\n";
        }
    }
    out << "\n" << (misses == 0 ? "Every target met." : std::to_string(misses) + " target(s) missed.") << "\n";
}

void writeJson(const std::filesystem::path& path, const RunInfo& info, const std::vector<Figure>& figures) {
    const auto& shape = info.shape;
    nlohmann::json document;
    document["program"] = "tessera-bench";
    document["mode"] = info.mode;
    document["build"] = info.build;
    document["caseload"] = {{"clients", shape.clients},
                            {"notes", shape.sessions},
                            {"signed_notes", shape.signedSessions},
                            {"section_characters_per_note", shape.sectionChars},
                            {"observations_per_note", shape.observations},
                            {"notes_with_quote", shape.notesWithQuote},
                            {"observations_with_quote", shape.observationsQuoted},
                            {"notes_with_stage", shape.notesWithStage},
                            {"notes_with_balance", shape.notesWithBalance},
                            {"addenda", shape.addenda}};
    document["vault_megabytes"] = {{"encrypted", info.encryptedMb}, {"unencrypted", info.plainMb}};
    document["client"] = info.client;
    if (info.keyDerivationMs) {
        document["key_derivation_ms"] = *info.keyDerivationMs; // the machine's yardstick
    }
    document["notes"] = info.notes;
    auto& list = document["figures"];
    list = nlohmann::json::array();
    for (const auto& figure : figures) {
        nlohmann::json entry{{"key", figure.key},
                             {"name", figure.name},
                             {"unit", figure.unit},
                             {"runs", figure.runs},
                             {"cv", figure.cv}};
        entry["median"] = figure.value ? nlohmann::json(*figure.value) : nlohmann::json(nullptr);
        if (figure.goal != Goal::ReportOnly) {
            entry["target"] = {{figure.goal == Goal::AtMost ? "at_most" : "at_least", figure.target}};
        }
        if (figure.unencrypted) {
            entry["unencrypted_median"] = *figure.unencrypted;
        }
        if (const auto perKdf = perKeyDerivation(figure, info)) {
            entry["per_key_derivation"] = *perKdf;
        }
        const auto pass = figure.pass();
        entry["result"] = pass ? (*pass ? "PASS" : "MISS") : "reported";
        if (!figure.note.empty()) {
            entry["note"] = figure.note;
        }
        list.push_back(std::move(entry));
    }
    std::ofstream out(path);
    out << document.dump(2) << "\n";
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

} // namespace tessera::bench
