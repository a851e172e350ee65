#include "pdf_layout.hpp"

#include "tessera/core/summary.hpp"
#include "tessera/core/utf8.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>
#include <stdexcept>
#include <string>

#include <sanitizer/lsan_interface.h>

// Fontconfig (under pango) keeps its configuration and font cache for the life of the process.
// Under LeakSanitizer (the asan preset) that cache would be reported as leaked by every program
// that renders a PDF; this hook, which LeakSanitizer looks up by name, suppresses exactly that
// library and nothing of ours. Without a sanitizer the function is simply never called. It is
// declared by the sanitizer's own header (gcc and clang ship it), not by us: the name is reserved
// to the implementation (clang's -Wreserved-identifier).
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}

namespace tessera::report::detail {
namespace {

double fromPango(int units) {
    return pango_units_to_double(units);
}

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

} // namespace

Colour Colour::hex(std::string_view text) {
    return hex(text, Colour{});
}

Colour Colour::hex(std::string_view text, Colour fallback) {
    if (text.size() != 7 || text[0] != '#') {
        return fallback;
    }
    double channels[3] = {0, 0, 0};
    for (std::size_t i = 0; i < 3; ++i) {
        const int high = hexDigit(text[1 + 2 * i]);
        const int low = hexDigit(text[2 + 2 * i]);
        if (high < 0 || low < 0) {
            return fallback;
        }
        channels[i] = (high * 16 + low) / 255.0;
    }
    return {channels[0], channels[1], channels[2]};
}

void setColour(cairo_t* cr, const Colour& colour) {
    cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
}

void GObjectUnref::operator()(void* object) const {
    if (object != nullptr) {
        g_object_unref(object);
    }
}

std::string escapeMarkup(std::string_view text) {
    // Pango markup is XML: the same five entities as HTML.
    return core::escapeHtml(text);
}

Flow::Flow(PageGeometry geometry) : m_geometry(geometry) {
    // Pango's default font map is per thread (a worker thread may render) and keeps its font
    // matches for the next render: a font map of our own would redo fontconfig's matching every
    // time, which costs more than the whole layout of a 160-session summary.
    m_context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(m_context, 72.0); // one unit = one PDF point
    // Unhinted metrics: glyph positions as designed, identical at every zoom level.
    cairo_font_options_t* fontOptions = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(m_context, fontOptions);
    cairo_font_options_destroy(fontOptions);
}

Flow::~Flow() {
    m_blocks.clear();
    g_object_unref(m_context);
}

LayoutPtr Flow::layout(std::string_view markup, std::string_view font, double width, double lineSpacing) const {
    PangoLayout* raw = pango_layout_new(m_context);
    PangoFontDescription* description = pango_font_description_from_string(std::string{font}.c_str());
    pango_layout_set_font_description(raw, description);
    pango_font_description_free(description);
    pango_layout_set_width(raw, pango_units_from_double(width));
    pango_layout_set_wrap(raw, PANGO_WRAP_WORD_CHAR);
    if (lineSpacing != 1.0) {
        pango_layout_set_line_spacing(raw, static_cast<float>(lineSpacing));
    }
    pango_layout_set_markup(raw, markup.data(), static_cast<int>(markup.size()));
    return LayoutPtr(raw, GObjectUnref{});
}

double Flow::height(const LayoutPtr& layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return fromPango(logical.height);
}

double Flow::width(const LayoutPtr& layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return fromPango(logical.width);
}

void Flow::draw(cairo_t* cr, const LayoutPtr& layout, double x, double y, const Colour& colour) {
    setColour(cr, colour);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
}

void Flow::addText(LayoutPtr layout, Colour colour, TextOptions options) {
    Block block;
    block.layout = std::move(layout);
    block.colour = colour;
    block.spaceBefore = options.spaceBefore;
    block.spaceAfter = options.spaceAfter;
    block.keepWithNext = options.keepWithNext;
    block.keepTogether = options.keepTogether;
    block.outline = options.outline;
    PangoLayoutIter* iter = pango_layout_get_iter(block.layout.get());
    do {
        int top = 0;
        int bottom = 0;
        pango_layout_iter_get_line_yrange(iter, &top, &bottom);
        const int baseline = pango_layout_iter_get_baseline(iter);
        block.lines.push_back({pango_layout_iter_get_line_readonly(iter), fromPango(top), fromPango(bottom - top),
                               fromPango(baseline - top)});
    } while (pango_layout_iter_next_line(iter) != 0);
    pango_layout_iter_free(iter);
    block.height = height(block.layout);
    if (options.side) {
        block.height = std::max(block.height, height(options.side));
    }
    block.options = std::move(options);
    block.open = std::exchange(m_pendingOpen, {});
    m_blocks.push_back(std::move(block));
}

std::size_t Flow::addFixed(double height, DrawFn draw, double spaceBefore, double spaceAfter, bool keepWithNext,
                           std::string outline) {
    Block block;
    block.fixed = true;
    block.height = height;
    block.draw = std::move(draw);
    block.spaceBefore = spaceBefore;
    block.spaceAfter = spaceAfter;
    block.keepWithNext = keepWithNext;
    block.outline = std::move(outline);
    block.open = std::exchange(m_pendingOpen, {});
    m_blocks.push_back(std::move(block));
    return m_blocks.size() - 1;
}

std::size_t Flow::addRow(double height, std::vector<RowCell> cells, double spaceBefore, bool keepWithNext) {
    for (const auto& cell : cells) {
        if (!cell.alt.empty()) {
            m_alts.push_back(cell.alt);
        }
    }
    const std::size_t index = addFixed(height, {}, spaceBefore, 0, keepWithNext);
    m_blocks[index].cells = std::move(cells);
    return index;
}

void Flow::openTag(std::string name, std::string alt) {
    if (name == "Figure") {
        m_alts.push_back(alt);
    }
    m_pendingOpen.emplace_back(std::move(name), std::move(alt));
}

void Flow::closeTag(std::string name) {
    if (!m_pendingOpen.empty() || m_blocks.empty()) {
        throw std::logic_error("a PDF structure element was closed with no content in it");
    }
    m_blocks.back().close.push_back(std::move(name));
}

void Flow::beginTags(cairo_t* cr, const Block& block) {
    for (const auto& [name, alt] : block.open) {
        cairo_tag_begin(cr, name.c_str(), nullptr);
    }
}

void Flow::endTags(cairo_t* cr, const Block& block) {
    for (const auto& name : block.close) {
        cairo_tag_end(cr, name.c_str());
    }
}

void Flow::repeatHeader(std::size_t row, std::size_t header) {
    m_blocks.at(row).header = header;
}

double Flow::firstChunk(const Block& block) const {
    if (block.fixed || block.keepTogether || block.lines.size() <= 2) {
        return block.height;
    }
    // Never leave a single line of a paragraph at the foot of a page.
    return block.lines[0].height + block.lines[1].height;
}

void Flow::paginate() {
    m_placements.clear();
    const double top = m_geometry.top;
    const double bottom = m_geometry.height - m_geometry.bottom;
    int page = 0;
    double y = top;
    bool pageEmpty = true;
    const auto newPage = [&] {
        ++page;
        y = top;
        pageEmpty = true;
    };
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const Block& block = m_blocks[i];
        if (!pageEmpty) {
            y += block.spaceBefore;
        }
        // What must fit on this page: the block's first chunk, plus, for a heading, the headings
        // it is kept with and the first chunk of what follows them.
        double need = firstChunk(block);
        for (std::size_t k = i; k + 1 < m_blocks.size() && m_blocks[k].keepWithNext; ++k) {
            need += m_blocks[k].spaceAfter + m_blocks[k + 1].spaceBefore + firstChunk(m_blocks[k + 1]);
        }
        if (!pageEmpty && y + need > bottom) {
            newPage();
        }
        if (block.fixed) {
            if (!pageEmpty && y + block.height > bottom) {
                newPage();
            }
            if (pageEmpty && page > 0 && block.header != kNone) {
                m_placements.push_back({block.header, kNone, page, y, true});
                y += m_blocks[block.header].height;
            }
            m_placements.push_back({i, kNone, page, y});
            y += block.height;
            pageEmpty = false;
        } else {
            int firstPage = page;
            double firstY = y;
            for (std::size_t line = 0; line < block.lines.size(); ++line) {
                if (!pageEmpty && y + block.lines[line].height > bottom) {
                    newPage();
                }
                if (line == 0) {
                    firstPage = page;
                    firstY = y;
                }
                m_placements.push_back({i, line, page, y});
                y += block.lines[line].height;
                pageEmpty = false;
            }
            if (block.options.side && page == firstPage) {
                y = std::max(y, firstY + height(block.options.side));
            }
        }
        y += block.spaceAfter;
    }
    m_pages = page + 1;
}

std::string Flow::render(const ChromeFn& chrome, std::string_view title, std::string_view subject,
                         std::string_view language) {
    paginate();
    std::string out;
    out.reserve(std::size_t{256} * 1024);
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(appendToString, &out, m_geometry.width, m_geometry.height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, std::string{title}.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, std::string{subject}.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Tessera");
    cairo_t* cr = cairo_create(surface);
    std::size_t next = 0;
    for (int page = 0; page < m_pages; ++page) {
        chrome(cr, page + 1, m_pages);
        for (; next < m_placements.size() && m_placements[next].page == page; ++next) {
            const Placement& placement = m_placements[next];
            const Block& block = m_blocks[placement.block];
            if (!block.outline.empty() && (block.fixed || placement.line == 0)) {
                const std::string target = "page=" + std::to_string(page + 1) + " pos=[" +
                                           std::to_string(static_cast<int>(m_geometry.left)) + " " +
                                           std::to_string(static_cast<int>(placement.y)) + "]";
                cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, block.outline.c_str(), target.c_str(),
                                              CAIRO_PDF_OUTLINE_FLAG_OPEN);
            }
            cairo_new_path(cr); // text drawing leaves a current point; never join it to a shape
            const bool tagged = !placement.repeat;
            if (block.fixed) {
                if (tagged) {
                    beginTags(cr, block);
                }
                cairo_save(cr);
                if (block.draw) {
                    block.draw(cr, m_geometry.left, placement.y);
                }
                if (!block.cells.empty()) {
                    drawRow(cr, block, placement.y, tagged);
                }
                cairo_restore(cr);
                if (tagged) {
                    endTags(cr, block);
                }
                continue;
            }
            if (placement.line == 0) {
                beginTags(cr, block);
            }
            const Line& line = block.lines[placement.line];
            const double x = m_geometry.left + block.options.x;
            if (block.options.bar) {
                setColour(cr, block.options.barColour);
                cairo_rectangle(cr, m_geometry.left + block.options.barX, placement.y, 2.0, line.height);
                cairo_fill(cr);
            }
            if (placement.line == 0 && block.options.side) {
                const double sideBaseline = fromPango(pango_layout_get_baseline(block.options.side.get()));
                draw(cr, block.options.side, m_geometry.left + block.options.sideX,
                     placement.y + line.baseline - sideBaseline, block.options.sideColour);
            }
            setColour(cr, block.colour);
            cairo_move_to(cr, x, placement.y + line.baseline);
            pango_cairo_show_layout_line(cr, line.line);
            if (placement.line + 1 == block.lines.size()) {
                endTags(cr, block);
            }
        }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        throw std::runtime_error(std::string{"Could not render the PDF: "} + cairo_status_to_string(status));
    }
    return addStructureText(out, language, m_alts);
}

void Flow::drawRow(cairo_t* cr, const Block& block, double y, bool tagged) {
    if (tagged) {
        cairo_tag_begin(cr, "TR", nullptr);
    }
    for (const auto& cell : block.cells) {
        if (tagged) {
            cairo_tag_begin(cr, cell.tag.c_str(), nullptr);
            if (!cell.alt.empty()) {
                cairo_tag_begin(cr, "Figure", nullptr);
            }
        }
        cairo_new_path(cr);
        cell.draw(cr, m_geometry.left, y);
        if (tagged) {
            if (!cell.alt.empty()) {
                cairo_tag_end(cr, "Figure");
            }
            cairo_tag_end(cr, cell.tag.c_str());
        }
    }
    if (tagged) {
        cairo_tag_end(cr, "TR");
    }
}

namespace {

// A PDF text string in UTF-16BE with a byte-order mark, written in hex: any text is safe in it.
std::string pdfTextString(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = "<FEFF";
    const auto unit = [&](unsigned value) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            out.push_back(kHex[(value >> static_cast<unsigned>(shift)) & 0xFU]);
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = core::utf8::decode(text, i); // malformed bytes: U+FFFD
        auto code = static_cast<unsigned>(decoded.value);
        if (code >= 0x10000) {
            code -= 0x10000;
            unit(0xD800 + (code >> 10U));
            unit(0xDC00 + (code & 0x3FFU));
        } else {
            unit(code);
        }
        i += decoded.length;
    }
    return out + ">";
}

} // namespace

std::string addStructureText(const std::string& pdf, std::string_view language, const std::vector<std::string>& alts) {
    const auto fail = [](const char* what) {
        throw std::runtime_error(std::string{"Could not add the accessibility entries to the PDF: "} + what);
    };
    struct Insertion {
        std::size_t at;
        std::string text;
    };
    std::vector<Insertion> insertions;
    // Matched with the layout cairo gives the objects, so that a text that happens to contain the
    // same words (a section title in a bookmark) is never taken for them.
    constexpr std::string_view kCatalog = "obj\n<< /Type /Catalog";
    const auto catalog = pdf.find(kCatalog);
    if (catalog == std::string::npos) {
        fail("no catalog");
    }
    // The language, and the title (not the file name) in the viewer's title bar.
    insertions.push_back({catalog + kCatalog.size(),
                          " /Lang " + pdfTextString(language) + " /ViewerPreferences << /DisplayDocTitle true >>"});
    constexpr std::string_view kFigure = "<< /Type /StructElem\n   /S /Figure";
    std::size_t figure = 0;
    for (auto at = pdf.find(kFigure); at != std::string::npos && figure < alts.size(); at = pdf.find(kFigure, at + 1)) {
        insertions.push_back({at + kFigure.size(), " /Alt " + pdfTextString(alts[figure++])});
    }
    std::sort(insertions.begin(), insertions.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    const auto shift = [&](std::size_t offset) {
        std::size_t delta = 0;
        for (const auto& insertion : insertions) {
            delta += insertion.at < offset ? insertion.text.size() : 0;
        }
        return delta;
    };

    const auto startxref = pdf.rfind("startxref");
    if (startxref == std::string::npos) {
        fail("no startxref");
    }
    const std::size_t xref = std::stoul(pdf.substr(startxref + 9, 24));
    if (pdf.compare(xref, 4, "xref") != 0 || xref < insertions.back().at) {
        fail("no cross-reference table where startxref says");
    }
    std::string out;
    out.reserve(pdf.size() + 4096);
    std::size_t from = 0;
    for (const auto& insertion : insertions) {
        out.append(pdf, from, insertion.at - from);
        out.append(insertion.text);
        from = insertion.at;
    }
    out.append(pdf, from, startxref - from);
    // The table: "xref", then subsections "first count" with 20-byte entries "oooooooooo ggggg n \n".
    std::size_t at = out.find('\n', xref + shift(xref)) + 1;
    while (at < out.size() && out[at] >= '0' && out[at] <= '9') {
        const auto lineEnd = out.find('\n', at);
        const auto space = out.find(' ', at);
        const std::size_t count = std::stoul(out.substr(space + 1, lineEnd - space - 1));
        at = lineEnd + 1;
        for (std::size_t k = 0; k < count; ++k, at += 20) {
            if (at + 20 > out.size() || out[at + 17] != 'n') {
                continue;
            }
            const std::size_t offset = std::stoul(out.substr(at, 10));
            std::array<char, 11> digits{};
            std::snprintf(digits.data(), digits.size(), "%010zu", offset + shift(offset));
            out.replace(at, 10, digits.data(), 10);
        }
    }
    out.append("startxref\n").append(std::to_string(xref + shift(xref))).append("\n%%EOF\n");
    return out;
}

} // namespace tessera::report::detail
