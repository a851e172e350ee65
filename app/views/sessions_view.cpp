#include "views/sessions_view.hpp"

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
#include <cmath>
#include <utility>

namespace tessera::app {
namespace {

// "###" keeps the popup's ID the same whatever its title says.
constexpr const char* kNewSessionPopup = "###new-session";
constexpr const char* kPreferredTemplate = "ambivalence-progress";

float rowHeight() {
    return ImGui::GetFontSize() * 2.0f + ImGui::GetStyle().FramePadding.y * 2.6f;
}

} // namespace

SessionsView::SessionsView(Workspace& workspace) : m_workspace(workspace) {}

void SessionsView::waitForModel() {
    m_create.wait();
    takeCreated();
    m_model.waitForRead(m_workspace.vault(), m_workspace.selectedClient);
}

void SessionsView::draw() {
    takeCreated();
    // Read on a worker; a failed read arrives once (not retried until an input changes).
    if (m_model.update(m_workspace.vault(), m_workspace.selectedClient) && m_model.readError()) {
        m_workspace.reportError(*m_model.readError());
    }
    // A note opened elsewhere (a heatmap cell, a search hit) should come into view here.
    if (m_workspace.openSession != m_lastOpen) {
        m_lastOpen = m_workspace.openSession;
        m_scrollToOpen = true;
    }
    if (ui::pressedCtrl('N') && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        (void)openNewSession();
    }
    drawHeader();
    drawList();
    drawNewSession();
}

void SessionsView::drawHeader() {
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted("Sessions");
    }
    if (!m_model.client()) {
        return;
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ImGui::GetFontSize() * 1.3f - ImGui::GetFontSize()) * 0.5f);
    const auto count = m_model.rows().size();
    const std::string caption = m_model.clientCode() + " \xC2\xB7 " + std::to_string(count) + " \xC2\xB7 newest first";
    ui::mutedText(caption);
    if (ImGui::Button("New session", {-FLT_MIN, 0})) {
        (void)openNewSession();
    }
    ui::markItem("session-new");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Start a note from a template (Ctrl+N)");
    }
    ImGui::Spacing();
}

void SessionsView::drawList() {
    if (!m_model.client()) {
        if (!m_workspace.selectedClient) {
            m_workspace.focusSessionList = false;
        }
        ui::mutedWrapped("Choose a client on the left to see their sessions.");
        return;
    }
    const auto& rows = m_model.rows();
    // The client list's Enter hands the keyboard over here and the newest note opens, once the
    // list of the client it chose has arrived from its worker (until then the request waits).
    const bool arrived = m_model.client() == m_workspace.selectedClient && !(rows.empty() && m_model.reading());
    if (arrived && std::exchange(m_workspace.focusSessionList, false)) {
        ImGui::SetNextWindowFocus();
        if (!rows.empty() && !m_workspace.openSession && m_model.client() == m_workspace.selectedClient) {
            m_workspace.openNote(*m_model.client(), rows.front().id);
        }
    }
    ImGui::BeginChild("session-list", {0, 0}, false, ImGuiWindowFlags_NoNavInputs);
    if (rows.empty()) {
        ui::mutedWrapped("No sessions yet. Start the first note with New session (Ctrl+N).");
        ImGui::EndChild();
        return;
    }
    handleListKeys();
    const float step = rowHeight() + ImGui::GetStyle().ItemSpacing.y;
    if (m_scrollToOpen && m_workspace.openSession) {
        if (const auto index = m_model.indexOf(*m_workspace.openSession)) {
            const float top = static_cast<float>(*index) * step;
            const float view = ImGui::GetWindowHeight();
            if (top < ImGui::GetScrollY() || top + step > ImGui::GetScrollY() + view) {
                ImGui::SetScrollY(std::max(0.0f, top - view * 0.4f));
            }
        }
    }
    m_scrollToOpen = false;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), step);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = rows[static_cast<std::size_t>(i)];
            const ui::ScopedId valueScope{static_cast<int>(row.id.value)};
            drawRow(row, m_workspace.openSession == row.id);
        }
    }
    clipper.End();
    ImGui::EndChild();
}

void SessionsView::drawRow(const SessionRow& row, bool open) {
    const auto colours = ui::palette();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = rowHeight();
    if (ImGui::Selectable("##session", open, ImGuiSelectableFlags_None, {width, height}) && m_model.client()) {
        m_workspace.openNote(*m_model.client(), row.id);
    }
    ui::markItem("session-row-" + std::to_string(row.id.value));
    const bool hovered = ImGui::IsItemHovered();

    auto* drawList = ImGui::GetWindowDrawList();
    ImFont* small = ui::font(&ui::Fonts::small);
    ImFont* regular = ImGui::GetFont();
    const float padX = ImGui::GetStyle().FramePadding.x * 0.6f;
    const float padY = ImGui::GetStyle().FramePadding.y * 0.7f;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 mutedColour = ImGui::ColorConvertFloat4ToU32(colours.mutedText);

    // Status on the right of the first line: drafts stand out (they still need work), signed
    // notes recede.
    const char* status = row.isSigned ? "\xE2\x9C\x93 Signed" : "Draft";
    const ImVec2 statusSize = small->CalcTextSizeA(small->FontSize, 1e9f, 0.0f, status);
    const float pillPad = 6.0f;
    const ImVec2 statusPos{pos.x + width - padX - statusSize.x - (row.isSigned ? 0.0f : pillPad),
                           pos.y + padY + (regular->FontSize - small->FontSize) * 0.5f};
    if (row.isSigned) {
        drawList->AddText(small, small->FontSize, statusPos, mutedColour, status);
    } else {
        ImVec4 fill = colours.warning;
        fill.w = 0.16f;
        drawList->AddRectFilled({statusPos.x - pillPad, statusPos.y - 1.0f},
                                {statusPos.x + statusSize.x + pillPad, statusPos.y + statusSize.y + 1.0f},
                                ImGui::ColorConvertFloat4ToU32(fill), statusSize.y * 0.5f);
        drawList->AddText(small, small->FontSize, statusPos, ImGui::ColorConvertFloat4ToU32(colours.warning), status);
    }
    ImFont* dateFont = open ? ui::font(&ui::Fonts::bold) : regular;
    ui::drawFitted(drawList, {pos.x + padX, pos.y + padY}, statusPos.x - pos.x - padX * 2.0f - pillPad, text,
                   row.dateText, dateFont);

    // Second line: stage of change (leaving) on the left, the strongest themes on the right.
    const float markSize = std::round(small->FontSize * 0.62f);
    const float markGap = std::round(markSize * 0.45f);
    const float marksWidth =
        static_cast<float>(row.marks.size()) * (markSize + markGap) - (row.marks.empty() ? 0.0f : markGap);
    const float lineY = pos.y + height - padY - small->FontSize;
    std::string stage = row.stageText;
    if (row.addenda > 0) {
        stage += std::string{stage.empty() ? "" : " \xC2\xB7 "} + "+" + std::to_string(row.addenda) +
                 (row.addenda == 1 ? " addendum" : " addenda");
    }
    ui::drawFitted(drawList, {pos.x + padX, lineY}, width - padX * 3.0f - marksWidth, mutedColour, stage, small);
    float x = pos.x + width - padX - marksWidth;
    const float markY = lineY + (small->FontSize - markSize) * 0.5f;
    for (const auto& mark : row.marks) {
        drawList->AddRectFilled({x, markY}, {x + markSize, markY + markSize},
                                ui::intensityColour(mark.colour, mark.intensity), 2.0f);
        x += markSize + markGap;
    }

    if (hovered && (!row.marks.empty() || !row.templateLabel.empty())) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(row.dateText.c_str());
        ui::mutedText(row.templateLabel);
        if (row.leaving || row.safety) {
            const std::string stages =
                "Stage: leaving " + stageLabel(row.leaving) + ", safety " + stageLabel(row.safety);
            ImGui::TextUnformatted(stages.c_str());
        }
        for (const auto& mark : row.marks) {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float size = ImGui::GetFontSize() * 0.6f;
            const float offset = (ImGui::GetFontSize() - size) * 0.5f;
            ImGui::GetWindowDrawList()->AddRectFilled({at.x, at.y + offset}, {at.x + size, at.y + offset + size},
                                                      ui::intensityColour(mark.colour, mark.intensity), 2.0f);
            ImGui::Dummy({size, size});
            ImGui::SameLine();
            const std::string line = mark.label + " \xE2\x80\x94 " + std::string{intensityLabel(mark.intensity)};
            ImGui::TextUnformatted(line.c_str());
        }
        if (row.themesObserved > static_cast<int>(row.marks.size())) {
            const std::string more =
                "and " + std::to_string(row.themesObserved - static_cast<int>(row.marks.size())) + " more";
            ui::mutedText(more);
        }
        ImGui::EndTooltip();
    }
}

void SessionsView::handleListKeys() {
    // Up and down walk through the notes when the list has focus (after a click on a row).
    if (!ImGui::IsWindowFocused() || ImGui::IsAnyItemActive() || !m_model.client()) {
        return;
    }
    // Up and Down open the next note, Home and End the newest and the oldest; Enter opens the newest
    // when none is open yet; Left goes back to the client list.
    if (ui::pressedKey(ImGuiKey_LeftArrow, false)) {
        m_workspace.focusClientList = true;
        return;
    }
    const auto& rows = m_model.rows();
    const int last = static_cast<int>(rows.size()) - 1;
    const bool enter = ui::pressedKey(ImGuiKey_Enter, false) || ui::pressedKey(ImGuiKey_KeyPadEnter, false);
    const int step = ui::pressedKey(ImGuiKey_DownArrow, true) ? 1 : ui::pressedKey(ImGuiKey_UpArrow, true) ? -1 : 0;
    const bool home = ui::pressedKey(ImGuiKey_Home, false);
    const bool end = ui::pressedKey(ImGuiKey_End, false);
    if ((step == 0 && !enter && !home && !end) || rows.empty()) {
        return;
    }
    std::optional<std::size_t> current;
    if (m_workspace.openSession) {
        current = m_model.indexOf(*m_workspace.openSession);
    }
    int index = current ? static_cast<int>(*current) : 0;
    if (home || end) {
        index = home ? 0 : last;
    } else if (current) {
        index = std::clamp(index + step, 0, last);
    }
    if (current && static_cast<int>(*current) == index) {
        return; // already open
    }
    m_workspace.openNote(*m_model.client(), rows[static_cast<std::size_t>(index)].id);
    m_scrollToOpen = true;
}

bool SessionsView::openNewSession() {
    if (!m_workspace.selectedClient || !m_model.client() || m_model.client() != m_workspace.selectedClient) {
        return false;
    }
    m_form = {};
    m_form.requestOpen = true;
    m_form.date = localToday().toIso();
    const auto& templates = m_model.templates();
    const auto exists = [&templates](const std::string& name) {
        return std::any_of(templates.begin(), templates.end(),
                           [&name](const TemplateChoice& t) { return t.name == name; });
    };
    if (!m_model.lastTemplate().empty() && exists(m_model.lastTemplate())) {
        m_form.templateName = m_model.lastTemplate();
    } else if (exists(kPreferredTemplate)) {
        m_form.templateName = kPreferredTemplate;
    } else if (!templates.empty()) {
        m_form.templateName = templates.front().name;
    }
    return true;
}

void SessionsView::drawNewSession() {
    if (m_form.requestOpen) {
        ImGui::OpenPopup(kNewSessionPopup);
        m_form.requestOpen = false;
        m_form.open = true;
    }
    const auto* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.35f},
                            ImGuiCond_Appearing, {0.5f, 0.5f});
    // The dialog grows with inline errors (auto-resize) at a fixed, readable width.
    const float dialogWidth = ImGui::GetFontSize() * 24.0f;
    ImGui::SetNextWindowSizeConstraints({dialogWidth, 0.0f}, {dialogWidth, FLT_MAX});
    const std::string title = "New session for " + m_model.clientCode() + kNewSessionPopup;
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr,
                                ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
        m_form.open = false;
        return;
    }
    bool submit = false;
    ImGui::TextUnformatted("Template");
    const auto& templates = m_model.templates();
    const auto chosen = std::find_if(templates.begin(), templates.end(),
                                     [this](const TemplateChoice& t) { return t.name == m_form.templateName; });
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool comboOpen =
        ImGui::BeginCombo("##template", chosen != templates.end() ? chosen->label.c_str() : "Choose a template");
    ui::markItem("new-session-template");
    if (comboOpen) {
        for (const auto& choice : templates) {
            const ui::ScopedId nameScope{choice.name.c_str()};
            const bool selected = choice.name == m_form.templateName;
            if (ImGui::Selectable(choice.label.c_str(), selected)) {
                m_form.templateName = choice.name;
            }
            ui::markItem("new-session-template-" + choice.name);
            if (selected) {
                ImGui::SetItemDefaultFocus();
            }
        }
        ImGui::EndCombo();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Date");
    ImGui::SameLine();
    ui::mutedText("YYYY-MM-DD");
    const float todayWidth = ImGui::CalcTextSize("Today").x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - todayWidth - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
    }
    submit |= ImGui::InputTextWithHint("##date", "YYYY-MM-DD", &m_form.date,
                                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    ui::markItem("new-session-date");
    ImGui::SameLine();
    if (ImGui::Button("Today")) {
        m_form.date = localToday().toIso();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted("Time");
    ImGui::SameLine();
    ui::mutedText("HH:MM, optional");
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00:00").x * 2.0f + ImGui::GetStyle().FramePadding.x * 2.0f);
    submit |= ImGui::InputTextWithHint("##time", "HH:MM", &m_form.time,
                                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    ui::markItem("new-session-time");
    if (!m_form.error.empty()) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().danger};
            const ui::ScopedTextWrap wrap;
            ImGui::TextUnformatted(m_form.error.c_str());
        }
        ui::markItem("new-session-error");
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ImGui::BeginDisabled(m_create.running());
    submit |= ImGui::Button(m_create.running() ? "Creating\xE2\x80\xA6" : "Create");
    ui::markItem("new-session-create");
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
    ui::markItem("new-session-cancel");
    if (submit && !m_create.running()) {
        createSession();
    } else if (cancel) {
        m_form.open = false;
    }
    if (!m_form.open) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void SessionsView::createSession() {
    m_form.error.clear();
    const auto date = core::Date::parse(trimmed(m_form.date));
    if (!date) {
        m_form.error = "Write the date as YYYY-MM-DD, for example " + localToday().toIso() + ".";
        return;
    }
    const std::string timeText = trimmed(m_form.time);
    const auto time = core::TimeOfDay::parse(timeText);
    if (!timeText.empty() && !time) {
        m_form.error = "Write the time as HH:MM on a 24-hour clock, for example 14:30, or leave it empty.";
        return;
    }
    if (m_form.templateName.empty()) {
        m_form.error = "Choose a template.";
        return;
    }
    if (!m_model.client()) {
        m_form.error = "Choose a client first.";
        return;
    }
    auto& vault = m_workspace.vault();
    m_creatingFor = *m_model.client();
    (void)m_create.start([&vault, client = m_creatingFor, day = *date, time, name = m_form.templateName] {
        return vault.createSession(client, day, name, time);
    });
}

void SessionsView::takeCreated() {
    const auto id = m_create.take([this](const std::string& error) { m_form.error = error; });
    if (!id) {
        return;
    }
    m_workspace.openNote(m_creatingFor, *id);
    m_scrollToOpen = true;
    m_form.open = false;
}

} // namespace tessera::app
