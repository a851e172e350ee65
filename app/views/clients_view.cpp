#include "views/clients_view.hpp"

#include "ui/text_area.hpp"

#include "ui/probe.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <utility>

namespace tessera::app {
namespace {

// "###" keeps the popup's ID the same whatever its title says.
constexpr const char* kFormPopup = "###client-form";

bool blank(const std::string& text) {
    return trimmed(text).empty();
}

void errorText(const std::string& text) {
    const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().danger};
    const ui::ScopedTextWrap wrap;
    ImGui::TextUnformatted(text.c_str());
}

} // namespace

ClientsView::ClientsView(Workspace& workspace) : m_workspace(workspace) {}

bool ClientsView::namesHidden() const {
    return m_workspace.namesHidden;
}

void ClientsView::setNamesHidden(bool hidden) {
    m_workspace.namesHidden = hidden;
}

void ClientsView::draw() {
    // The list is read on a worker; a failed read arrives once (not retried until the revision
    // changes), so it is reported once.
    if (m_model.update(m_workspace.vault(), m_filter, m_workspace.namesHidden) && m_model.readError()) {
        m_workspace.reportError(*m_model.readError());
    }
    takeSaved();
    takeEditRead();
    drawHeader();
    drawList();
    drawForm();
}

void ClientsView::drawHeader() {
    const auto colours = ui::palette();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted("Clients");
    }
    // Names identify clients: a clinician sharing their screen (supervision, a colleague at the
    // door) can hide them and work by code.
    const char* toggle = m_workspace.namesHidden ? "Show names" : "Hide names";
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        const float toggleWidth = ImGui::CalcTextSize(toggle).x + ImGui::GetStyle().FramePadding.x * 2.0f;
        ImGui::SameLine(ImGui::GetContentRegionMax().x - toggleWidth);
        const ui::ScopedColour buttonColour{ImGuiCol_Button, ImVec4{0, 0, 0, 0}};
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.accent};
        {
            const ui::ScopedStyleVar frameBorderSize{ImGuiStyleVar_FrameBorderSize, 0.0f};
            if (ImGui::SmallButton(toggle)) {
                m_workspace.namesHidden = !m_workspace.namesHidden;
            }
            ui::markItem("client-hide-names");
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", m_workspace.namesHidden ? "Show display names in the list"
                                                                : "Show codes only, e.g. while sharing your screen");
            }
        }
    }

    ImGui::SetNextItemWidth(-FLT_MIN);
    const char* hint = m_workspace.namesHidden ? "Filter by code" : "Filter by code or name";
    if (ImGui::InputTextWithHint("##client-filter", hint, &m_filter, ImGuiInputTextFlags_EnterReturnsTrue)) {
        // Enter in the filter opens the first match: type "014", Enter, and the client is selected.
        m_model.setFilter(m_filter, m_workspace.namesHidden);
        if (!m_model.visible().empty()) {
            select(m_model.all()[m_model.visible().front()].id);
            m_scrollToSelected = true;
            m_focusList = true; // so that Up, Down and Enter go on from there
        }
    }
    ui::markItem("client-filter");

    if (ImGui::Button("New client")) {
        openNewClient();
    }
    ui::markItem("client-new");
    ImGui::SameLine();
    const bool hasSelection = m_workspace.selectedClient && m_model.find(*m_workspace.selectedClient) != nullptr;
    ImGui::BeginDisabled(!hasSelection);
    if (ImGui::Button("Edit") && hasSelection) {
        openEditClient(*m_workspace.selectedClient);
    }
    ui::markItem("client-edit");
    ImGui::EndDisabled();
    ImGui::SameLine();
    // How many are shown, right-aligned: "3 of 150" while filtering.
    const auto shown = m_model.visible().size();
    const auto total = m_model.all().size();
    const std::string count =
        shown == total ? std::to_string(total) : std::to_string(shown) + " of " + std::to_string(total);
    ImGui::SetCursorPosX(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(count.c_str()).x);
    ImGui::AlignTextToFramePadding();
    ui::mutedText(count);
    ImGui::Spacing();
}

void ClientsView::drawList() {
    const auto& visible = m_model.visible();
    // The list has keyboard focus after unlocking (Down selects the first client, Enter opens it)
    // and whenever the session list hands it back.
    if (std::exchange(m_focusList, false) || std::exchange(m_workspace.focusClientList, false)) {
        ImGui::SetNextWindowFocus();
    }
    ImGui::BeginChild("client-list", {0, 0}, false, ImGuiWindowFlags_NoNavInputs);
    if (m_model.all().empty()) {
        ui::mutedWrapped(m_model.ready() ? "No clients yet. Add the first one with New client."
                                         : "Reading\xE2\x80\xA6");
        ImGui::EndChild();
        return;
    }
    if (visible.empty()) {
        const std::string text = "No client matches \xE2\x80\x9C" + m_filter + "\xE2\x80\x9D.";
        ui::mutedWrapped(text);
        ImGui::EndChild();
        return;
    }
    handleListKeys();
    const float rowHeight = ImGui::GetFontSize() * 2.0f + ImGui::GetStyle().FramePadding.y * 2.6f;
    const float rowStep = rowHeight + ImGui::GetStyle().ItemSpacing.y;
    if (m_scrollToSelected && m_workspace.selectedClient) {
        if (const auto index = m_model.visibleIndex(*m_workspace.selectedClient)) {
            const float top = static_cast<float>(*index) * rowStep;
            const float view = ImGui::GetWindowHeight();
            if (top < ImGui::GetScrollY() || top + rowStep > ImGui::GetScrollY() + view) {
                ImGui::SetScrollY(std::max(0.0f, top - view * 0.4f));
            }
        }
        m_scrollToSelected = false;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()), rowStep);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = m_model.all()[visible[static_cast<std::size_t>(i)]];
            const ui::ScopedId valueScope{static_cast<int>(row.id.value)};
            drawRow(row, m_workspace.selectedClient == row.id);
        }
    }
    clipper.End();
    ImGui::EndChild();
}

void ClientsView::drawRow(const ClientRow& row, bool selected) {
    const auto colours = ui::palette();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float rowHeight = ImGui::GetFontSize() * 2.0f + ImGui::GetStyle().FramePadding.y * 2.6f;
    if (ImGui::Selectable("##client", selected, ImGuiSelectableFlags_None, {width, rowHeight})) {
        select(row.id);
    }
    ui::markItem("client-row-" + row.code);
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        openEditClient(row.id);
    }
    auto* drawList = ImGui::GetWindowDrawList();
    const float padX = ImGui::GetStyle().FramePadding.x * 0.6f;
    const float padY = ImGui::GetStyle().FramePadding.y * 0.7f;
    ImFont* bold = ui::font(&ui::Fonts::bold);
    ImFont* small = ui::font(&ui::Fonts::small);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 mutedColour = ImGui::ColorConvertFloat4ToU32(colours.mutedText);
    const ImVec2 first{pos.x + padX, pos.y + padY};
    const float codeWidth = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0.0f, row.code.c_str()).x;
    drawList->AddText(bold, bold->FontSize, first, text, row.code.c_str());
    if (!m_workspace.namesHidden && !row.displayName.empty()) {
        const float gap = ImGui::GetFontSize() * 0.6f;
        const float room = width - padX * 2.0f - codeWidth - gap;
        if (room > ImGui::GetFontSize()) {
            ui::drawFitted(drawList, {first.x + codeWidth + gap, first.y}, room, text, row.displayName);
        }
    }
    // Second line: sessions and the last one on the left, open drafts on the right.
    const ImVec2 second{first.x, pos.y + rowHeight - padY - small->FontSize};
    std::string drafts;
    if (row.drafts > 0) {
        drafts = std::to_string(row.drafts) + (row.drafts == 1 ? " draft" : " drafts");
    }
    const float draftsWidth =
        drafts.empty() ? 0.0f : small->CalcTextSizeA(small->FontSize, 1e9f, 0.0f, drafts.c_str()).x;
    ui::drawFitted(drawList, second, width - padX * 2.0f - draftsWidth - (drafts.empty() ? 0.0f : 8.0f), mutedColour,
                   row.detail, small);
    if (!drafts.empty()) {
        drawList->AddText(small, small->FontSize, {pos.x + width - padX - draftsWidth, second.y},
                          ImGui::ColorConvertFloat4ToU32(colours.warning), drafts.c_str());
    }
}

void ClientsView::handleListKeys() {
    // Keys act when the list has focus (after unlocking, or a click on a row); not while typing.
    // Up and Down walk the list; Enter (or Right) opens the client: the session list takes the
    // keyboard and shows the newest note.
    if (!ImGui::IsWindowFocused() || ImGui::IsAnyItemActive()) {
        return;
    }
    const auto& visible = m_model.visible();
    const int step = ui::pressedKey(ImGuiKey_DownArrow, true) ? 1 : ui::pressedKey(ImGuiKey_UpArrow, true) ? -1 : 0;
    const bool open = ui::pressedKey(ImGuiKey_Enter, false) || ui::pressedKey(ImGuiKey_KeyPadEnter, false) ||
                      ui::pressedKey(ImGuiKey_RightArrow, false);
    if ((step == 0 && !open) || visible.empty()) {
        return;
    }
    std::optional<std::size_t> current;
    if (m_workspace.selectedClient) {
        current = m_model.visibleIndex(*m_workspace.selectedClient);
    }
    // With nothing selected yet, any of these keys starts at the first client.
    const int index =
        current ? std::clamp(static_cast<int>(*current) + step, 0, static_cast<int>(visible.size()) - 1) : 0;
    select(m_model.all()[visible[static_cast<std::size_t>(index)]].id);
    m_scrollToSelected = true;
    if (open) {
        m_workspace.tab = MainTab::Notes;
        m_workspace.focusSessionList = true;
    }
}

void ClientsView::select(core::ClientId id) {
    if (m_workspace.selectedClient == id) {
        return;
    }
    m_workspace.selectedClient = id;
    // The open note belongs to the previous client; the editor saves it before letting go.
    m_workspace.openSession.reset();
}

void ClientsView::openNewClient() {
    m_form = {};
    m_form.requestOpen = true;
    m_form.focusFirst = true;
}

void ClientsView::openEditClient(core::ClientId id) {
    const auto* row = m_model.find(id);
    if (row == nullptr) {
        return;
    }
    auto& vault = m_workspace.vault();
    (void)m_editRead.start([&vault, code = row->code] {
        EditRead read;
        read.client = vault.findClient(code);
        if (!read.client) {
            throw std::runtime_error("That client no longer exists.");
        }
        read.formulationChanged = vault.formulationChangedAt(read.client->id);
        return read;
    });
}

void ClientsView::takeEditRead() {
    auto read = m_editRead.take([this](const std::string& error) { m_workspace.reportError(error); });
    if (!read) {
        return;
    }
    m_form = {};
    m_form.editing = true;
    if (read->formulationChanged) {
        m_form.formulationChanged = "last changed " + read->formulationChanged->date().toIso();
    }
    m_form.formulation.setText(read->client->formulation);
    m_form.client = std::move(*read->client);
    m_form.requestOpen = true;
    m_form.focusFirst = true;
}

std::vector<std::string> ClientsView::formErrors() const {
    std::vector<std::string> errors;
    for (const auto& problem : m_form.problems) {
        errors.push_back(problem.what);
    }
    if (!m_form.error.empty()) {
        errors.push_back(m_form.error);
    }
    return errors;
}

void ClientsView::drawForm() {
    if (m_form.requestOpen) {
        ImGui::OpenPopup(kFormPopup);
        m_form.requestOpen = false;
        m_form.open = true;
    }
    const auto* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.4f},
                            ImGuiCond_Appearing, {0.5f, 0.5f});
    // The dialog grows with inline errors (auto-resize) at a fixed, readable width.
    const float dialogWidth = ImGui::GetFontSize() * 30.0f;
    ImGui::SetNextWindowSizeConstraints({dialogWidth, 0.0f}, {dialogWidth, FLT_MAX});
    const std::string title =
        (m_form.editing ? "Edit client " + m_form.client.code : std::string{"New client"}) + kFormPopup;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr,
                                ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        m_form.open = false;
        return;
    }
    auto& client = m_form.client;
    bool submit = false;

    ImGui::TextUnformatted("Code");
    ImGui::SameLine();
    ui::mutedText("the only identity that leaves the vault");
    if (m_form.focusFirst && !m_form.editing) {
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    submit |= ImGui::InputTextWithHint("##code", "e.g. C-014", &client.code,
                                       ImGuiInputTextFlags_EnterReturnsTrue |
                                           (m_form.editing ? ImGuiInputTextFlags_ReadOnly : 0));
    ui::markItem("client-code");
    if (m_form.editing) {
        ui::mutedWrapped("A code cannot change once notes refer to it.");
    }
    for (const auto& problem : m_form.problems) {
        if (problem.where.find("code") != std::string::npos) {
            errorText(problem.what);
            ui::markItem("client-error");
        }
    }
    ImGui::Spacing();

    ImGui::TextUnformatted("Display name");
    ImGui::SameLine();
    ui::mutedText("optional, shown only on this screen");
    if (m_form.focusFirst && m_form.editing) {
        ImGui::SetKeyboardFocusHere();
    }
    m_form.focusFirst = false;
    ImGui::SetNextItemWidth(-FLT_MIN);
    submit |= ImGui::InputTextWithHint("##name", "e.g. Anna B.", &client.displayName,
                                       ImGuiInputTextFlags_EnterReturnsTrue |
                                           (m_workspace.namesHidden ? ImGuiInputTextFlags_Password : 0));
    ui::markItem("client-name");
    ImGui::Spacing();

    drawRedactions();
    ImGui::Spacing();

    ImGui::TextUnformatted("Case formulation");
    ImGui::SameLine();
    ui::mutedText(m_form.formulationChanged.empty() ? "presenting problem, formulation, goals"
                                                    : m_form.formulationChanged.c_str());
    // Wrapped as the note's fields are: what is typed is stored exactly, at any width.
    if (ui::textArea("##formulation", m_form.formulation, {.minLines = 5})) {
        client.formulation = m_form.formulation.text();
    }
    ui::markItem("client-formulation");
    ui::mutedWrapped("In your own words; de-identified into supervision summaries after \u201cWhat stands "
                     "out\u201d.");

    if (!m_form.error.empty()) {
        ImGui::Spacing();
        errorText(m_form.error);
        ui::markItem("client-error");
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::BeginDisabled(m_save.running());
    if (ImGui::Button(m_form.editing ? "Save" : "Add client")) {
        submit = true;
    }
    ui::markItem("client-save");
    ImGui::EndDisabled();
    if (m_save.running()) {
        ImGui::SameLine();
        ui::mutedText("Saving\xE2\x80\xA6");
    }
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ui::markItem("client-cancel");
    if (submit && !m_save.running()) {
        saveForm();
    } else if (cancel) {
        m_form.open = false;
    }
    if (!m_form.open) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void ClientsView::drawRedactions() {
    auto& redactions = m_form.client.redactions;
    ImGui::TextUnformatted("Redaction list");
    ui::mutedWrapped("Names, places and other identifiers that supervision summaries replace. "
                     "Leave the label empty for \"[name]\".");
    std::optional<std::size_t> remove;
    if (!redactions.empty() &&
        ImGui::BeginTable("redactions", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableSetupColumn("Term", ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn("Replaced with", ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < redactions.size(); ++i) {
            const ui::ScopedId iScope{static_cast<int>(i)};
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            ImGui::InputTextWithHint("##term", "Name or word", &redactions[i].term);
            ui::markItem("client-redaction-term-" + std::to_string(i));
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            ImGui::InputTextWithHint("##label", "[name]", &redactions[i].replacement);
            ui::markItem("client-redaction-label-" + std::to_string(i));
            ImGui::TableNextColumn();
            if (ImGui::Button("Remove")) {
                remove = i;
            }
            ui::markItem("client-redaction-remove-" + std::to_string(i));
        }
        ImGui::EndTable();
    }
    if (remove) {
        redactions.erase(redactions.begin() + static_cast<std::ptrdiff_t>(*remove));
    }
    if (ImGui::Button("Add a term")) {
        redactions.push_back({});
        // Focus goes to the new row's term on the next frame.
    }
    ui::markItem("client-redaction-add");
    for (const auto& problem : m_form.problems) {
        if (problem.where.find("redact") != std::string::npos) {
            errorText(problem.what);
            ui::markItem("client-error");
        }
    }
}

void ClientsView::saveForm() {
    auto client = m_form.client;
    client.code = trimmed(client.code);
    client.displayName = trimmed(client.displayName);
    // A row left completely empty is not a mistake worth a message: drop it.
    std::erase_if(client.redactions, [](const core::Redaction& r) { return blank(r.term) && blank(r.replacement); });
    for (auto& redaction : client.redactions) {
        redaction.term = trimmed(redaction.term);
        redaction.replacement = trimmed(redaction.replacement);
    }
    m_form.problems.clear();
    m_form.error.clear();
    core::checkClient(client, "", m_form.problems);
    if (!m_form.editing && m_form.problems.empty() && m_model.hasCode(client.code)) {
        m_form.error = "A client with code " + client.code + " already exists; choose another code.";
    }
    if (!m_form.problems.empty() || !m_form.error.empty()) {
        return;
    }
    auto& vault = m_workspace.vault();
    m_savedCode = client.code;
    m_savedEditing = m_form.editing;
    (void)m_save.start([&vault, client = std::move(client), editing = m_form.editing]() {
        Saved saved;
        try {
            if (editing) {
                vault.updateClient(client);
                vault.setFormulation(client.id, client.formulation);
                saved.id = client.id;
            } else {
                saved.id = vault.addClient(client);
            }
        } catch (const core::ValidationError& error) {
            saved.problems = error.problems();
        }
        return saved;
    });
}

void ClientsView::takeSaved() {
    const auto saved = m_save.take([this](const std::string& error) { m_form.error = error; });
    if (!saved) {
        return;
    }
    if (!saved->problems.empty()) {
        m_form.problems = saved->problems;
        return;
    }
    if (m_savedEditing) {
        m_workspace.inform("Saved client " + m_savedCode + ".");
    } else {
        m_workspace.inform("Added client " + m_savedCode + ".");
        m_filter.clear();
        m_model.setFilter(m_filter, m_workspace.namesHidden);
        select(saved->id);
        m_scrollToSelected = true;
    }
    m_form.open = false;
}

void ClientsView::waitForModel() {
    m_save.wait();
    takeSaved();
    m_editRead.wait();
    takeEditRead();
    m_model.waitForRead(m_workspace.vault());
}

} // namespace tessera::app
