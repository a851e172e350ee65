#pragma once

// A small flow-layout engine for PDF documents on cairo and pango: text blocks that break between
// lines, fixed-height blocks (charts, table rows) that never break, headings kept with what
// follows, table headers repeated on a new page, and page chrome drawn once the number of pages
// is known ("Page N of M"), and the PDF's logical structure (tagged PDF: headings, paragraphs,
// lists, tables, figures with alternative text, the document's language) so that a screen reader
// can read it. Used by pdf_renderer.cpp; nothing here knows about summaries.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::report::detail {

struct Colour {
    double r = 0;
    double g = 0;
    double b = 0;
    // "#RRGGBB"; anything else gives `fallback` (black when not given).
    [[nodiscard]] static Colour hex(std::string_view text);
    [[nodiscard]] static Colour hex(std::string_view text, Colour fallback);
};
void setColour(cairo_t* cr, const Colour& colour);

struct GObjectUnref {
    void operator()(void* object) const;
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

// Pango markup: escapes & < > ' " so any text can go inside markup.
[[nodiscard]] std::string escapeMarkup(std::string_view text);

struct PageGeometry {
    double width = 595.276; // A4 in points
    double height = 841.890;
    double left = 56;
    double right = 56;
    double top = 60;
    double bottom = 66;

    [[nodiscard]] double contentWidth() const { return width - left - right; }
};

using DrawFn = std::function<void(cairo_t* cr, double x, double y)>;
// Draws what surrounds the content of a page (running header, footer, page number).
using ChromeFn = std::function<void(cairo_t* cr, int page, int pages)>;

struct TextOptions {
    double x = 0; // from the left margin
    double spaceBefore = 0;
    double spaceAfter = 0;
    bool keepWithNext = false; // headings: never the last thing on a page
    bool keepTogether = false; // move the whole block to the next page rather than split it
    LayoutPtr side;            // drawn beside the first line (e.g. a session label), baselines aligned
    double sideX = 0;
    Colour sideColour;
    bool bar = false; // a vertical bar beside the lines (quotations)
    double barX = 0;
    Colour barColour;
    std::string outline; // a PDF bookmark to this block

    TextOptions& at(double value) {
        x = value;
        return *this;
    }
    TextOptions& before(double value) {
        spaceBefore = value;
        return *this;
    }
    TextOptions& after(double value) {
        spaceAfter = value;
        return *this;
    }
    TextOptions& keepNext() {
        keepWithNext = true;
        return *this;
    }
    TextOptions& together() {
        keepTogether = true;
        return *this;
    }
    TextOptions& withSide(LayoutPtr layout, double atX, Colour colour) {
        side = std::move(layout);
        sideX = atX;
        sideColour = colour;
        return *this;
    }
    TextOptions& withBar(double atX, Colour colour) {
        bar = true;
        barX = atX;
        barColour = colour;
        return *this;
    }
};

// One cell of a table row: its structure tag ("TH" or "TD"), how to draw it, and for a cell that
// is a chart the alternative text of its figure.
struct RowCell {
    std::string tag = "TD";
    DrawFn draw;
    std::string alt;
};

class Flow {
public:
    explicit Flow(PageGeometry geometry);
    ~Flow();
    Flow(const Flow&) = delete;
    Flow& operator=(const Flow&) = delete;

    [[nodiscard]] const PageGeometry& geometry() const { return m_geometry; }

    // A layout of `markup` (Pango markup) in `font` ("Inter Bold 10"), wrapped at `width`.
    [[nodiscard]] LayoutPtr layout(std::string_view markup, std::string_view font, double width,
                                   double lineSpacing = 1.0) const;
    [[nodiscard]] static double height(const LayoutPtr& layout);
    [[nodiscard]] static double width(const LayoutPtr& layout);
    // Draws a layout with its top-left corner at (x, y), in `colour`.
    static void draw(cairo_t* cr, const LayoutPtr& layout, double x, double y, const Colour& colour);

    void addText(LayoutPtr layout, Colour colour, TextOptions options = {});
    // Returns the block's index, for repeatHeader.
    std::size_t addFixed(double height, DrawFn draw, double spaceBefore = 0, double spaceAfter = 0,
                         bool keepWithNext = false, std::string outline = {});
    // A table row ("TR" around each cell's own tag). Returns its index, for repeatHeader.
    std::size_t addRow(double height, std::vector<RowCell> cells, double spaceBefore = 0, bool keepWithNext = false);

    // Structure: `openTag` opens an element before the next block added, `closeTag` closes one
    // after the last block added; they nest as they are called. A figure's alternative text is
    // given when it opens.
    void openTag(std::string name, std::string alt = {});
    void closeTag(std::string name);

    // Marks the fixed block `row` as a row of the table whose header is the fixed block `header`:
    // when the row starts a page, the header is drawn above it first.
    void repeatHeader(std::size_t row, std::size_t header);

    // Lays everything out and writes the PDF; returns its bytes.
    [[nodiscard]] std::string render(const ChromeFn& chrome, std::string_view title, std::string_view subject,
                                     std::string_view language);
    // The number of pages of the last render().
    [[nodiscard]] int pages() const { return m_pages; }

private:
    struct Line {
        PangoLayoutLine* line = nullptr;
        double top = 0; // from the layout's top
        double height = 0;
        double baseline = 0; // from the line's top
    };
    struct Block {
        bool fixed = false;
        double height = 0;
        double spaceBefore = 0;
        double spaceAfter = 0;
        bool keepWithNext = false;
        bool keepTogether = false;
        std::string outline;
        // text
        LayoutPtr layout;
        Colour colour;
        TextOptions options;
        std::vector<Line> lines;
        // fixed
        DrawFn draw;
        std::size_t header = static_cast<std::size_t>(-1);
        std::vector<RowCell> cells; // a table row
        // structure
        std::vector<std::pair<std::string, std::string>> open; // name, alternative text
        std::vector<std::string> close;
    };
    struct Placement {
        std::size_t block = 0;
        std::size_t line = static_cast<std::size_t>(-1); // a fixed block, or a whole text's side label
        int page = 0;
        double y = 0;
        bool repeat = false; // a table header drawn again on a new page: no structure of its own
    };

    [[nodiscard]] double firstChunk(const Block& block) const;
    void paginate();
    void beginTags(cairo_t* cr, const Block& block);
    void endTags(cairo_t* cr, const Block& block);
    void drawRow(cairo_t* cr, const Block& block, double y, bool tagged);

    PageGeometry m_geometry;
    PangoContext* m_context = nullptr;
    std::vector<Block> m_blocks;
    std::vector<Placement> m_placements;
    std::vector<std::pair<std::string, std::string>> m_pendingOpen;
    std::vector<std::string> m_alts; // of every figure, in the order they open
    int m_pages = 0;
};

// Adds what cairo 1.16's tag API cannot write: the catalog's /Lang, the viewer preference that
// shows the document's title, and each figure's /Alt (in the
// order the figures appear), then corrects the cross-reference table. Throws std::runtime_error
// when `pdf` is not laid out as cairo writes it.
[[nodiscard]] std::string addStructureText(const std::string& pdf, std::string_view language,
                                           const std::vector<std::string>& alts);

} // namespace tessera::report::detail
