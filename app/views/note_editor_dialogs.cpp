// A draft's own actions in the note editor: change its date (typed as YYYY-MM-DD or picked on a
// small calendar) and its time of day (HH:MM, optional), and delete it (after a confirmation). Part of NoteEditorView
// (see note_editor_view.hpp).

#include "views/note_editor_view.hpp"

#include "tessera/core/date.hpp"
#include "tessera/text/wrapped_lines.hpp"
#include "ui/probe.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>
#include <chrono>

namespace tessera::app {
namespace {

constexpr const char* kDatePopup = "Change the date and time###draft-date";
constexpr const char* kDeletePopup = "Delete this draft?###draft-delete";
constexpr const char* kJoinPopup = "Join wrapped lines###join-lines";
constexpr std::array<const char*, 12> kMonths{"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};

} // namespace

void NoteEditorView::drawDraftActions() {
    const ui::ScopedFont small{ui::font(&ui::Fonts::small)};
    ImGui::SameLine();
    ui::mutedText("\xC2\xB7");
    ImGui::SameLine();
    if (ImGui::SmallButton("Change date or time")) {
        m_dateRequested = true;
    }
    ui::markItem("draft-date");
    ImGui::SameLine();
    if (ImGui::SmallButton("Delete draft")) {
        m_deleteRequested = true;
    }
    ui::markItem("draft-delete");
}

void NoteEditorView::drawDateDialog() {
    if (std::exchange(m_dateRequested, false)) {
        const auto date = m_draft.session().date;
        m_dateText = date.toIso();
        const auto& time = m_draft.session().time;
        m_timeText = time ? time->toString() : std::string{};
        m_calendarYear = static_cast<int>(date.ymd().year());
        m_calendarMonth = static_cast<unsigned>(date.ymd().month());
        m_dateError.clear();
        ImGui::OpenPopup(kDatePopup);
    }
    if (!ui::beginDialog(kDatePopup, 19.0f)) {
        return;
    }
    ImGui::TextUnformatted("Date (YYYY-MM-DD)");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
    }
    if (ImGui::InputText("##date-text", &m_dateText, ImGuiInputTextFlags_EnterReturnsTrue)) {
        applyDate();
    }
    ui::markItem("draft-date-text");
    if (const auto typed = core::Date::parse(m_dateText)) {
        // The calendar follows what is typed.
        m_calendarYear = static_cast<int>(typed->ymd().year());
        m_calendarMonth = static_cast<unsigned>(typed->ymd().month());
    }
    drawCalendar();
    ImGui::TextUnformatted("Time (HH:MM, optional)");
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00:00").x * 2.5f);
    if (ImGui::InputTextWithHint("##time-text", "14:30", &m_timeText, ImGuiInputTextFlags_EnterReturnsTrue)) {
        applyDate();
    }
    ui::markItem("draft-time-text");
    if (!m_dateError.empty()) {
        ui::dangerWrapped(m_dateError);
        ui::markItem("draft-date-error");
    }
    ImGui::Spacing();
    if (ImGui::Button("Apply")) {
        applyDate();
    }
    ui::markItem("draft-date-apply");
    ImGui::SameLine();
    if (ui::dialogCancel("draft-date-cancel")) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void NoteEditorView::drawCalendar() {
    using namespace std::chrono;
    const ui::ScopedId id{"calendar"};
    if (ImGui::ArrowButton("previous", ImGuiDir_Left)) {
        m_calendarMonth = m_calendarMonth == 1 ? 12 : m_calendarMonth - 1;
        m_calendarYear -= m_calendarMonth == 12 ? 1 : 0;
        m_dateText = core::Date{year{m_calendarYear} / month{m_calendarMonth} / day{1}}.toIso();
    }
    ui::markItem("calendar-previous");
    ImGui::SameLine();
    const std::string title = std::string{kMonths[m_calendarMonth - 1]} + " " + std::to_string(m_calendarYear);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title.c_str());
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFrameHeight());
    if (ImGui::ArrowButton("next", ImGuiDir_Right)) {
        m_calendarMonth = m_calendarMonth == 12 ? 1 : m_calendarMonth + 1;
        m_calendarYear += m_calendarMonth == 1 ? 1 : 0;
        m_dateText = core::Date{year{m_calendarYear} / month{m_calendarMonth} / day{1}}.toIso();
    }
    ui::markItem("calendar-next");
    const year_month shown{year{m_calendarYear}, month{m_calendarMonth}};
    const auto typed = core::Date::parse(m_dateText);
    const unsigned days = static_cast<unsigned>((shown / last).day());
    // Weeks start on Monday; column of the 1st: 0 for Monday .. 6 for Sunday.
    const unsigned firstColumn = (weekday{sys_days{shown / day{1}}}.iso_encoding() + 6U) % 7U;
    if (!ImGui::BeginTable("days", 7, ImGuiTableFlags_SizingStretchSame)) {
        return;
    }
    for (const char* name : {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}) {
        ImGui::TableNextColumn();
        ui::mutedText(name);
    }
    for (unsigned cell = 0; cell < firstColumn; ++cell) {
        ImGui::TableNextColumn();
    }
    for (unsigned d = 1; d <= days; ++d) {
        ImGui::TableNextColumn();
        const core::Date date{shown / day{d}};
        const bool chosen = typed && *typed == date;
        const ui::ScopedId dayId{static_cast<int>(d)};
        // A Selectable closes its popup unless told not to: the dialog stays for Apply.
        if (ImGui::Selectable(std::to_string(d).c_str(), chosen, ImGuiSelectableFlags_DontClosePopups)) {
            m_dateText = date.toIso();
            m_dateError.clear();
        }
        ui::markItem("calendar-day-" + std::to_string(d));
    }
    ImGui::EndTable();
}

void NoteEditorView::applyDate() {
    const auto date = core::Date::parse(m_dateText);
    if (!date) {
        m_dateError = "\"" + m_dateText + "\" is not a date. Type it as YYYY-MM-DD, for example " +
                      localToday().toIso() + ", or pick a day.";
        return;
    }
    const std::string timeText = trimmed(m_timeText);
    const auto time = core::TimeOfDay::parse(timeText);
    if (!timeText.empty() && !time) {
        m_dateError = "\"" + timeText +
                      "\" is not a time of day. Type it as HH:MM on a 24-hour clock, for example 14:30, or leave "
                      "it empty.";
        return;
    }
    auto& session = m_draft.session();
    if (*date != session.date || time != session.time) {
        session.date = *date;
        session.time = time;
        edited();
        m_saveRequested = true; // saved on the worker; a refusal shows in the status line
    }
    m_dateError.clear();
    ImGui::CloseCurrentPopup();
}

void NoteEditorView::drawDeleteDialog() {
    if (std::exchange(m_deleteRequested, false)) {
        m_deleteError.clear();
        ImGui::OpenPopup(kDeletePopup);
    }
    if (!ui::beginDialog(kDeletePopup, 24.0f)) {
        return;
    }
    const std::string what = "The draft of " + longDate(m_draft.session().date) +
                             (m_clientCode.empty() ? std::string{} : " for " + m_clientCode) +
                             " and everything written in it.";
    {
        const ui::ScopedTextWrap wrap;
        ImGui::TextUnformatted(what.c_str());
        ImGui::TextUnformatted("This cannot be undone. The audit log records that a draft was deleted.");
    }
    if (!m_deleteError.empty()) {
        ui::dangerWrapped(m_deleteError);
        ui::markItem("draft-delete-error");
    }
    ImGui::Spacing();
    bool close = false;
    {
        const ui::ScopedColour danger{ImGuiCol_Button, ui::palette().danger};
        const ui::ScopedColour text{ImGuiCol_Text, ImVec4{1.0f, 1.0f, 1.0f, 1.0f}};
        if (ImGui::Button("Delete draft")) {
            deleteDraft();
            close = m_deleteError.empty();
        }
    }
    ui::markItem("draft-delete-confirm");
    ImGui::SameLine();
    if (ui::dialogCancel("draft-delete-cancel") || close) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void NoteEditorView::deleteDraft() {
    // A save of this draft may still be running: it finishes first, then the draft goes (both
    // on the worker; takeCommitOutcome closes the note).
    if (committing()) {
        return;
    }
    m_deleteError.clear();
    m_pendingCommit = Commit::Delete;
    advanceCommit();
}

std::vector<NoteEditorView::WrappedField> NoteEditorView::wrappedFields() const {
    std::vector<WrappedField> fields;
    const auto offer = [&fields](std::string key, std::string label, const std::string& before) {
        auto after = text::joinWrappedLines(before);
        if (after != before) {
            fields.push_back({std::move(key), std::move(label), before, std::move(after)});
        }
    };
    for (const auto& section : m_draft.session().sections) {
        std::string label = section.key;
        if (m_template) {
            for (const auto& templateSection : m_template->sections) {
                label = templateSection.key == section.key ? templateSection.label : label;
            }
        }
        offer("section-" + section.key, label, section.text);
    }
    offer("psychotherapy", "Psychotherapy note", m_draft.session().psychotherapyNote);
    return fields;
}

void NoteEditorView::drawJoinOffer() {
    if (!m_hasWrappedLines) {
        return;
    }
    const ui::ScopedFont small{ui::font(&ui::Fonts::small)};
    ui::mutedText("Line breaks in this draft may be an earlier version's wrapping.");
    ImGui::SameLine();
    if (ImGui::SmallButton("Join wrapped lines\xE2\x80\xA6")) {
        m_joinPreview = wrappedFields();
        m_joinRequested = true;
    }
    ui::markItem("join-lines");
}

void NoteEditorView::drawJoinDialog() {
    if (std::exchange(m_joinRequested, false)) {
        ImGui::OpenPopup(kJoinPopup);
    }
    if (!ui::beginDialog(kJoinPopup, 40.0f)) {
        return;
    }
    {
        const ui::ScopedTextWrap wrap;
        ImGui::TextUnformatted(
            "Each single line break between two lines becomes a space; blank lines and list items stay. "
            "Check the result: a break you typed on purpose is joined too. Ctrl+Z in a field undoes "
            "it.");
    }
    const float height = ImGui::GetFontSize() * 18.0f;
    ImGui::BeginChild("preview", {0, height}, true);
    for (const auto& field : m_joinPreview) {
        const ui::ScopedId id{field.key};
        ui::boldText(field.label);
        ui::mutedText("Before");
        ui::readOnlyText("before", field.before);
        ui::mutedText("After");
        ui::readOnlyText("after", field.after);
        ImGui::Separator();
    }
    ImGui::EndChild();
    bool close = false;
    if (ImGui::Button("Join")) {
        joinWrappedLines();
        close = true;
    }
    ui::markItem("join-lines-confirm");
    ImGui::SameLine();
    if (ui::dialogCancel("join-lines-cancel") || close) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void NoteEditorView::joinWrappedLines() {
    auto& session = m_draft.session();
    for (const auto& field : m_joinPreview) {
        std::string& stored = field.key == "psychotherapy"
                                  ? session.psychotherapyNote
                                  : m_draft.sectionText(field.key.substr(std::string_view{"section-"}.size()), 0);
        // Through the field's editor, as one pasted step: Ctrl+Z in the field brings the breaks back.
        auto& editor = fieldEditor(field.key, stored);
        editor.selectAll();
        (void)editor.paste(field.after);
        stored = editor.text();
    }
    m_joinPreview.clear();
    m_hasWrappedLines = false;
    edited();
    m_saveRequested = true;
}

} // namespace tessera::app
