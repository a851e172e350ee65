#pragma once

// PDF rendering of a supervision summary with cairo and pango: real, selectable text in embedded
// fonts, charts as vector graphics, "Page N of M" on every page, bookmarks for every section, and
// the de-identification report kept whole on the last page. The document model comes from
// core::buildSummary; this renderer only lays it out (every text in it is already de-identified).

#include "tessera/core/summary.hpp"

#include <string>

namespace tessera::report {

enum class PaperSize { A4, Letter };

struct PdfOptions {
    PaperSize paper = PaperSize::A4;
};

// The PDF file's bytes. Safe to call on a worker thread (pango's default font map is per thread).
// Throws std::runtime_error when cairo cannot produce the document.
[[nodiscard]] std::string renderPdf(const core::SummaryDocument& document, const PdfOptions& options = {});

} // namespace tessera::report
