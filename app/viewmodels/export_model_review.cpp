// The Export dialog's review before sharing (see export_model.hpp): the summary built on the
// worker with what its de-identification found, the highlights of the preview, and the two
// review commands (add to the redaction list, mark not identifying) on the UI thread.

#include "viewmodels/export_model.hpp"

#include "viewmodels/display_text.hpp"

#include "tessera/storage/vault.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <tuple>

namespace tessera::app {
namespace {

// One distinct suspect (by its words) and one kind of replacement (by placeholder and rule), in
// the order the summary met them; suspects first.
std::vector<ReviewEntry> reviewEntries(const core::SummaryReview& review) {
    std::vector<ReviewEntry> suspects;
    std::vector<ReviewEntry> replacements;
    std::map<std::string, std::size_t> suspectAt;
    std::map<std::pair<std::string, std::string>, std::size_t> replacementAt;
    for (const auto& item : review.items) {
        if (item.suspect) {
            const auto [at, added] = suspectAt.try_emplace(item.text, suspects.size());
            if (added) {
                ReviewEntry entry;
                entry.text = item.text;
                entry.kind = item.kind;
                entry.rule = std::string{item.rule};
                entry.suspect = true;
                entry.suggestedLabel = std::string{core::placeholder(item.kind)};
                suspects.push_back(std::move(entry));
            }
            ++suspects[at->second].count;
        } else {
            const auto [at, added] =
                replacementAt.try_emplace({item.replacement, std::string{item.rule}}, replacements.size());
            if (added) {
                ReviewEntry entry;
                entry.text = item.replacement;
                entry.kind = item.kind;
                entry.rule = std::string{item.rule};
                replacements.push_back(std::move(entry));
            }
            ++replacements[at->second].count;
        }
    }
    suspects.insert(suspects.end(), std::make_move_iterator(replacements.begin()),
                    std::make_move_iterator(replacements.end()));
    return suspects;
}

bool isWordByte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) != 0; // any byte of a UTF-8 sequence counts as a letter
}

struct Span {
    std::size_t begin;
    std::size_t end;
    std::size_t entry;
};

std::string escapedFor(std::string_view text, ExportFormat format) {
    return format == ExportFormat::Html ? core::escapeHtml(text) : core::escapeMarkdown(text);
}

// Where the document's labels (themes, templates, sections) stand in the preview: the codebook's
// words there ("Hope the partner will change") are never the suspect the text holds elsewhere.
std::vector<std::pair<std::size_t, std::size_t>>
labelRanges(const std::string& preview, const core::SummaryDocument& document, ExportFormat format) {
    std::vector<std::string> labels;
    for (const auto& theme : document.themes) {
        labels.push_back(theme.label);
    }
    labels.insert(labels.end(), document.themesNotSeen.begin(), document.themesNotSeen.end());
    for (const auto& use : document.header.templates) {
        labels.push_back(use.label);
    }
    for (const auto& section : document.extraSections) {
        labels.push_back(section.label);
    }
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (const auto& label : labels) {
        const auto needle = escapedFor(label, format);
        for (auto at = needle.empty() ? std::string::npos : preview.find(needle); at != std::string::npos;
             at = preview.find(needle, at + 1)) {
            ranges.emplace_back(at, at + needle.size());
        }
    }
    return ranges;
}

// Where each entry's words (suspects, as whole words, outside the labels) or placeholder
// (replacements) appear in the preview, as the renderer escaped them; overlapping spans keep the
// earlier, longer one.
std::vector<Span> findSpans(const std::string& preview, const core::SummaryDocument& document,
                            const std::vector<ReviewEntry>& entries, ExportFormat format) {
    const auto labels = labelRanges(preview, document, format);
    const auto inLabel = [&](std::size_t begin, std::size_t end) {
        return std::any_of(labels.begin(), labels.end(),
                           [&](const auto& range) { return range.first <= begin && end <= range.second; });
    };
    std::vector<Span> spans;
    for (std::size_t e = 0; e < entries.size(); ++e) {
        const auto& entry = entries[e];
        const std::string needle = escapedFor(entry.text, format);
        if (needle.empty()) {
            continue;
        }
        for (auto at = preview.find(needle); at != std::string::npos; at = preview.find(needle, at + 1)) {
            const auto end = at + needle.size();
            const bool whole =
                !entry.suspect || ((at == 0 || !isWordByte(preview[at - 1])) &&
                                   (end >= preview.size() || !isWordByte(preview[end])) && !inLabel(at, end));
            if (whole) {
                spans.push_back({at, end, e});
            }
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        return std::tie(a.begin, b.end) < std::tie(b.begin, a.end); // earlier first, then longer
    });
    std::vector<Span> kept;
    for (const auto& span : spans) {
        if (kept.empty() || span.begin >= kept.back().end) {
            kept.push_back(span);
        }
    }
    return kept;
}

void indexLines(BuiltSummary& built) {
    const auto& text = built.preview;
    std::size_t start = 0;
    while (start < text.size()) {
        built.lineStarts.push_back(start);
        const auto end = text.find('\n', start);
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
}

bool sameIgnoringCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

BuiltSummary buildExportSummary(const ExportModel::Inputs& inputs, const core::SummaryOptions& options,
                                ExportFormat format) {
    BuiltSummary built;
    try {
        core::SummaryReview review;
        built.document = core::buildSummary(inputs.record, inputs.codebook, inputs.templates, options, review);
        built.preview =
            format == ExportFormat::Html ? core::renderHtml(*built.document) : core::renderMarkdown(*built.document);
        built.replacementLines = core::reportReplacementLines(*built.document);
        built.handlingLines = core::reportHandlingLines(*built.document);
        indexLines(built);
        built.review = reviewEntries(review);
        // A suspect stays in the text: how often the preview shows it is its true count (a text
        // the summary reads twice, for a standout and for its section, is found twice).
        std::vector<int> shown(built.review.size(), 0);
        for (const auto& span : findSpans(built.preview, *built.document, built.review, format)) {
            built.highlights.push_back({span.begin, span.end, built.review[span.entry].suspect});
            ++shown[span.entry];
            auto& first = built.review[span.entry].firstLine;
            if (!first) {
                const auto line = std::upper_bound(built.lineStarts.begin(), built.lineStarts.end(), span.begin);
                first = static_cast<std::size_t>(line - built.lineStarts.begin()) - 1;
                built.review[span.entry].firstOffset = span.begin;
            }
        }
        for (std::size_t e = 0; e < built.review.size(); ++e) {
            if (built.review[e].suspect && shown[e] > 0) {
                built.review[e].count = shown[e];
            }
        }
    } catch (const std::exception& error) {
        built = BuiltSummary{};
        built.error = error.what();
    }
    return built;
}

std::string ExportModel::addToRedactionList(storage::Vault& vault, std::string_view term, std::string_view label) {
    auto words = trimmed(term);
    if (words.empty()) {
        return "Nothing was added: the term is empty.";
    }
    auto replacement = trimmed(label);
    if (!replacement.empty() && !(replacement.front() == '[' && replacement.back() == ']')) {
        replacement = "[" + replacement + "]";
    }
    const bool started = m_review.start([&vault, code = m_clientCode, words, replacement]() -> std::string {
        try {
            auto client = vault.findClient(code);
            if (!client) {
                return "Nothing was added: the client is no longer in the vault.";
            }
            const auto listed = std::find_if(client->redactions.begin(), client->redactions.end(),
                                             [&](const core::Redaction& r) { return sameIgnoringCase(r.term, words); });
            if (listed != client->redactions.end()) {
                return {};
            }
            client->redactions.push_back({words, replacement});
            vault.updateClient(*client);
        } catch (const std::exception& error) {
            return "\xe2\x80\x9c" + words + "\xe2\x80\x9d was not added to the redaction list: " + error.what();
        }
        return {};
    });
    return started ? std::string{} : std::string{"Nothing was added: the last change is still being saved."};
}

std::string ExportModel::markNotIdentifying(storage::Vault& vault, std::string_view word) {
    if (!m_client) {
        return "Nothing was marked: no client is selected.";
    }
    const bool started = m_review.start([&vault, client = *m_client, word = std::string{word}]() -> std::string {
        try {
            vault.markNotIdentifying(client, word);
        } catch (const std::exception& error) {
            return "\xe2\x80\x9c" + trimmed(word) + "\xe2\x80\x9d was not marked: " + error.what();
        }
        return {};
    });
    return started ? std::string{} : std::string{"Nothing was marked: the last change is still being saved."};
}

std::optional<std::string> ExportModel::finishReview() {
    auto outcome = m_review.poll();
    if (!outcome) {
        return std::nullopt;
    }
    return outcome->ok() ? *outcome->value : outcome->error;
}

} // namespace tessera::app
