#pragma once

#include "tessera/core/model.hpp"
#include "tessera/text/text_editor.hpp"
#include "viewmodels/templates_model.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

class Workspace;

// Note templates: each template with its newest version on the left; on the right the selected
// version's sections (older versions stay viewable), or the editor. Editing never changes a
// stored version: saving writes the next version, and notes keep the version they were written
// with.
class TemplatesView {
public:
    enum class Mode { Viewing, NewVersion, NewTemplate };

    explicit TemplatesView(Workspace& workspace);
    void draw();

    // ---- State, for tests
    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] const std::string& selectedName() const { return m_selectedName; }
    // The version shown in the viewer (0 when nothing is shown).
    [[nodiscard]] int viewedVersion() const;
    [[nodiscard]] const std::vector<std::string>& problems() const { return m_problems; }
    // True while the templates are read, or a version saved, on a worker.
    [[nodiscard]] bool busy() const { return m_model.reading() || m_model.saving(); }
    [[nodiscard]] const TemplatesModel& model() const { return m_model; }
    // Blocks until both have finished and takes what they produced (tests, automation).
    void waitForModel();

private:
    struct SectionDraft {
        std::string key;
        std::string label;
        std::string prompt;
        bool keyEdited = false; // the key follows the label until the clinician edits it
    };

    void update();
    [[nodiscard]] const core::NoteTemplate* viewed() const;
    void beginEdit(const core::NoteTemplate& base);
    void beginNew();
    void cancelEdit();
    void save();
    void takeWritten();

    void drawList(float width);
    void drawViewer();
    void drawEditor();
    void drawSectionsEditor(float width);

    Workspace& m_workspace;

    // UI state
    Mode m_mode = Mode::Viewing;
    std::string m_selectedName;
    int m_viewVersion = 0; // 0: the newest
    std::string m_name;
    std::string m_label;
    text::TextEditor m_description; // soft-wrapped as typed
    std::vector<SectionDraft> m_sections;
    int m_baseVersion = 0; // the version an edit started from
    bool m_nameEdited = false;
    bool m_focusLabel = false;
    std::optional<std::size_t> m_focusSection;
    std::vector<std::string> m_problems;

    TemplatesModel m_model; // last: its workers are joined first
};

} // namespace tessera::app
