#pragma once

#include "tessera/core/model.hpp"
#include "tessera/text/text_editor.hpp"
#include "viewmodels/codebook_model.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::app {

class Workspace;

// The codebook: every theme grouped by category on the left, the selected theme's definition on
// the right. Adding a theme fixes its key for good; label, category, description and colour can
// change at any time. Retiring keeps a theme's history but stops offering it for new notes.
class CodebookView {
public:
    explicit CodebookView(Workspace& workspace);
    void draw();

    // "Financial abuse!" -> "financial-abuse" (with '-'), or "financial_abuse" (with '_'):
    // a key suggested from a label, which the clinician may still edit before saving.
    [[nodiscard]] static std::string slugFromLabel(std::string_view label, char separator);

    // ---- State, for tests
    [[nodiscard]] bool isAdding() const { return m_adding; }
    [[nodiscard]] const std::string& selectedKey() const { return m_selectedKey; }
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }
    // True while the codebook is read, or a theme saved, on a worker.
    [[nodiscard]] bool busy() const { return m_model.reading() || m_model.saving(); }
    [[nodiscard]] const CodebookModel& model() const { return m_model; }
    // Blocks until both have finished and takes what they produced (tests, automation).
    void waitForModel();

private:
    void update();
    void select(const std::string& key);
    void beginNew();
    void save();
    void setRetired(bool retired);
    // Starts saving `theme` on the worker; `done` is what the clinician is told once it is saved.
    void write(const core::Theme& theme, std::string done, bool selectAfter);
    void takeWritten();
    [[nodiscard]] bool formChanged() const;

    void drawList(float width);
    void drawEditor();
    void drawKeyField(float width);
    void drawCategoryField();
    void drawColourField(float width);

    Workspace& m_workspace;

    // UI state
    std::string m_filter;
    std::string m_selectedKey;
    bool m_adding = false;
    core::Theme m_form;
    text::TextEditor m_description; // the form's description, soft-wrapped as typed
    std::array<float, 3> m_colour{};
    bool m_keyEdited = false;
    bool m_focusForm = false;
    std::vector<std::string> m_problems;
    std::string m_hoveredKey; // the row under the pointer, and since when (for the tooltip's delay)
    double m_hoveredSince = 0.0;

    // The theme being saved and what to do once it is.
    core::Theme m_writing;
    std::string m_writingDone;
    bool m_selectAfterWrite = false;
    CodebookModel m_model; // last: its workers are joined first
};

} // namespace tessera::app
