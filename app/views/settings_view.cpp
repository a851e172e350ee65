#include "views/settings_view.hpp"
#include "ui/widgets.hpp"

#include "ui/application.hpp"
#include "ui/probe.hpp"
#include "ui/style.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <string>

// Set by app/CMakeLists.txt for this file only: the project's version, and the encryption library
// built into this binary (read from its header at configure time, so no SQLite header is needed).
#ifndef TESSERA_VERSION
#define TESSERA_VERSION "unknown"
#endif
#ifndef TESSERA_SQLITE3MC_VERSION
#define TESSERA_SQLITE3MC_VERSION ""
#endif

namespace tessera::app {
namespace {

struct ScalePreset {
    float scale;
    const char* label;
    const char* probe;
};

constexpr std::array kScales{
    ScalePreset{0.0f, "Follow the monitor", "settings-scale-follow"}, ScalePreset{1.0f, "100%", "settings-scale-100"},
    ScalePreset{1.25f, "125%", "settings-scale-125"}, ScalePreset{1.5f, "150%", "settings-scale-150"},
    ScalePreset{2.0f, "200%", "settings-scale-200"}};

float uiScale() {
    return ImGui::GetFontSize() / 17.0f;
}

// The label column: wide enough for the labels, narrower on a small window or at a large scale.
float labelColumn() {
    return std::min(210.0f * uiScale(), ImGui::GetContentRegionAvail().x * 0.28f);
}

// A heading with a rule under it as wide as the settings themselves, not the whole pane.
void section(const char* title, float width) {
    ImGui::Spacing();
    ImGui::Spacing();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted(title);
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine({at.x, at.y}, {at.x + width, at.y}, ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy({width, 1.0f});
    ImGui::Spacing();
}

// A label in the left column, leaving the cursor where the control goes.
void rowLabel(const char* label, float column) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(column);
}

// An explanation under a control, aligned with the control column.
void explain(const std::string& text, float column, float width) {
    ImGui::SetCursorPosX(column);
    {
        const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().mutedText};
        const ui::ScopedTextWrap wrap{column + width};
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::Spacing();
}

// Starts a section: its title and rule across the label column and the controls (at most 560 px
// at 100%). Returns the label column's width and the controls' width.
struct SectionColumns {
    float column;
    float width;
};
SectionColumns beginSection(const char* title) {
    const float column = labelColumn();
    const float width = std::min(ImGui::GetContentRegionAvail().x - column, 560.0f * uiScale());
    section(title, column + width);
    return {column, width};
}

void busyBar(double since, const char* text, float width) {
    const float t = static_cast<float>(ImGui::GetTime() - since);
    ImGui::ProgressBar(-1.0f * t, {width, 0}, text);
}

} // namespace

SettingsView::SettingsView(Application& app) : m_app(app) {}

void SettingsView::persist() {
    m_app.saveSettings();
    m_settingsDirty = false;
}

void SettingsView::draw() {
    if (auto* workspace = m_app.workspace()) {
        // What finished since the last frame, and a new backup name when the field is empty.
        (void)m_model.update(workspace->vault(), {.wantBackupName = m_backupPath.empty()});
        if (m_model.backupsWritten() != m_backupsSeen) {
            m_backupsSeen = m_model.backupsWritten();
            m_backupPath.clear(); // the next backup gets a new name
        }
        if (m_backupPath.empty() && m_model.backupName()) {
            m_backupPath = *m_model.backupName();
        }
    }
    ImGui::BeginChild("settings", {0, 0}, false);
    drawAppearance();
    drawLocking();
    drawVault();
    drawWriting();
    drawAbout();
    ImGui::EndChild();
    // Sliders and text fields change settings on every frame of an edit; apply the expensive part
    // (rebuilding the fonts) and write the file once the field is let go.
    if (!ImGui::IsAnyItemActive()) {
        if (m_styleDirty) {
            m_app.requestStyleChange();
            m_styleDirty = false;
            m_settingsDirty = true;
        }
        if (m_settingsDirty) {
            persist();
        }
    }
}

void SettingsView::drawAppearance() {
    auto& settings = m_app.settings();
    const auto [column, width] = beginSection("Appearance");

    rowLabel("Theme", column);
    if (ImGui::RadioButton("Light", settings.theme == Settings::Theme::Light) &&
        settings.theme != Settings::Theme::Light) {
        settings.theme = Settings::Theme::Light;
        m_app.requestStyleChange();
        persist();
    }
    ui::markItem("settings-theme-light");
    ImGui::SameLine(0.0f, 24.0f);
    if (ImGui::RadioButton("Dark", settings.theme == Settings::Theme::Dark) &&
        settings.theme != Settings::Theme::Dark) {
        settings.theme = Settings::Theme::Dark;
        m_app.requestStyleChange();
        persist();
    }
    ui::markItem("settings-theme-dark");

    rowLabel("Size", column);
    for (std::size_t i = 0; i < kScales.size(); ++i) {
        const auto& preset = kScales[i];
        const ui::ScopedId iScope{static_cast<int>(i)};
        if (i > 0) {
            // Wrap to the next line under the first choice when the row would overflow.
            const float needed = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                                 ImGui::CalcTextSize(preset.label).x + 24.0f;
            ImGui::SameLine(0.0f, 24.0f);
            if (ImGui::GetCursorPosX() - 24.0f + needed > column + width) {
                ImGui::NewLine();
                ImGui::SetCursorPosX(column);
            }
        }
        const bool active = std::abs(settings.uiScale - preset.scale) < 0.01f;
        if (ImGui::RadioButton(preset.label, active) && !active) {
            settings.uiScale = preset.scale;
            m_app.requestStyleChange();
            persist();
        }
        ui::markItem(preset.probe);
    }
    explain("Everything grows or shrinks together. Following the monitor uses its scale, so a HiDPI screen gets "
            "larger text.",
            column, width);

    rowLabel("Text size", column);
    int fontSize = static_cast<int>(std::lround(settings.fontSize));
    ImGui::SetNextItemWidth(std::min(width, 320.0f * uiScale()));
    if (ImGui::SliderInt("##font-size", &fontSize, 12, 28, "%d px")) {
        settings.fontSize = static_cast<float>(fontSize);
        m_styleDirty = true;
    }
    ui::markItem("settings-font-size");
    explain("The size of body text at 100%; headings follow it.", column, width);
}

void SettingsView::drawLocking() {
    auto& settings = m_app.settings();
    const auto [column, width] = beginSection("Locking and saving");

    rowLabel("Lock after", column);
    int minutes = settings.autoLockMinutes;
    ImGui::SetNextItemWidth(80.0f * uiScale());
    if (ImGui::InputInt("##auto-lock", &minutes, 0, 0)) {
        // The idle timer reads the setting every frame: the new value applies at once.
        settings.autoLockMinutes = std::clamp(minutes, 1, 240);
        m_settingsDirty = true;
    }
    ui::markItem("settings-autolock");
    ImGui::SameLine();
    ImGui::TextUnformatted("minutes without keyboard or mouse input");
    explain("Locking saves what you are writing, closes the vault and returns to the passphrase screen. "
            "Ctrl+L locks at once.",
            column, width);

    rowLabel("Save drafts", column);
    int seconds = settings.autosaveSeconds;
    ImGui::SetNextItemWidth(std::min(width, 320.0f * uiScale()));
    if (ImGui::SliderInt("##autosave", &seconds, 1, 30, "%d s after the last keystroke")) {
        settings.autosaveSeconds = std::clamp(seconds, 1, 30);
        m_settingsDirty = true;
    }
    ui::markItem("settings-autosave");
    explain("Drafts are also saved whenever you leave a field, lock or quit, so a crash loses at most these seconds.",
            column, width);
}

void SettingsView::drawWriting() {
    auto& settings = m_app.settings();
    const auto [column, width] = beginSection("Writing");

    rowLabel("Spelling", column);
    if (ImGui::Checkbox("Check spelling in notes", &settings.spellCheck)) {
        persist();
    }
    ui::markItem("settings-spell-check");
    rowLabel("Language", column);
    ImGui::BeginDisabled(!settings.spellCheck);
    const auto language = [&](const char* label, spell::Language value, const char* probe) {
        if (ImGui::RadioButton(label, settings.spellLanguage == value) && settings.spellLanguage != value) {
            settings.spellLanguage = value;
            persist();
        }
        ui::markItem(probe);
    };
    language("English (US)", spell::Language::EnglishUS, "settings-spell-en-us");
    ImGui::SameLine(0.0f, 24.0f);
    language("English (UK)", spell::Language::EnglishUK, "settings-spell-en-gb");
    ImGui::EndDisabled();
    explain("Misspelled words are underlined in red. Right-click one, or press Ctrl+. with the caret in it, for "
            "suggestions, Add to dictionary (kept inside this vault) and Ignore. Clinical terms, the client's "
            "name and their redaction terms are never flagged.",
            column, width);
}

void SettingsView::drawVault() {
    auto* workspace = m_app.workspace();
    if (workspace == nullptr) {
        return;
    }
    const auto colours = ui::palette();
    const auto [column, width] = beginSection("Vault");
    auto& vault = workspace->vault();

    rowLabel("File", column);
    std::string path = vault.path().string();
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("##vault-path", &path, ImGuiInputTextFlags_ReadOnly);
    ui::markItem("settings-vault-path");
    rowLabel("Format", column);
    ImGui::Text("Encrypted, SQLCipher 4 compatible; schema version %d", vault.schemaVersion());
    if (*TESSERA_SQLITE3MC_VERSION != '\0') {
        rowLabel("Encryption", column);
        ImGui::TextUnformatted(TESSERA_SQLITE3MC_VERSION);
    }
    ImGui::Spacing();

    const bool busy = isBusy();
    rowLabel("Back up to", column);
    const char* backupLabel = "Back up now\xE2\x80\xA6";
    const float buttonWidth = ImGui::CalcTextSize(backupLabel).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::BeginDisabled(busy);
    ImGui::SetNextItemWidth(std::max(120.0f, width - buttonWidth - ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputText("##backup-path", &m_backupPath);
    ui::markItem("settings-backup-path");
    ImGui::SameLine();
    if (ImGui::Button(backupLabel) && m_model.startBackup(vault, m_backupPath)) {
        m_backupStarted = ImGui::GetTime();
    }
    ui::markItem("settings-backup");
    ImGui::EndDisabled();
    if (m_model.backingUp()) {
        ImGui::SetCursorPosX(column);
        busyBar(m_backupStarted, "Writing the encrypted copy\xE2\x80\xA6", width);
    } else if (const auto& outcome = m_model.backupOutcome()) {
        ImGui::SetCursorPosX(column);
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, outcome->failed ? colours.danger : colours.success};
            const ui::ScopedTextWrap wrap{column + width};
            ImGui::TextUnformatted(outcome->message.c_str());
        }
        ui::markItem("settings-backup-result");
    }
    explain("An encrypted copy with the same passphrase, checked to open before it is reported done. It never "
            "overwrites a file. Keep backups on another disk.",
            column, width);

    rowLabel("Check", column);
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Verify vault") && m_model.startVerify(vault)) {
        m_verifyStarted = ImGui::GetTime();
    }
    ImGui::EndDisabled();
    ui::markItem("settings-verify");
    const auto& report = m_model.verifyReport();
    if (m_model.verifying()) {
        ImGui::SetCursorPosX(column);
        busyBar(m_verifyStarted, "Reading and authenticating every page\xE2\x80\xA6", width);
    } else if (report) {
        ImGui::SetCursorPosX(column);
        const ui::ScopedTextWrap wrap{column + width};
        if (report->ok) {
            {
                const ui::ScopedColour textColour{ImGuiCol_Text, colours.success};
                ImGui::Text("OK: every page authenticates and the database is intact (%d clients, %d sessions).",
                            report->clients, report->sessions);
            }
            ui::markItem("settings-verify-result");
        } else {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.danger};
            ImGui::TextUnformatted("Problems found. Make no further changes, and restore your latest backup:");
            ui::markItem("settings-verify-result");
            for (std::size_t i = 0; i < report->problems.size(); ++i) {
                const ui::ScopedId iScope{static_cast<int>(i)};
                ImGui::SetCursorPosX(column);
                ImGui::Bullet();
                ImGui::TextUnformatted(report->problems[i].c_str());
            }
        }
    }
    explain("Reads and authenticates every page and checks the database's integrity. Run it now and then, and before "
            "trusting an old backup.",
            column, width);
    drawAuditHead(column, width);
}

void SettingsView::drawAuditHead(float column, float width) {
    rowLabel("Audit log", column);
    const auto& head = m_model.auditHead();
    m_auditHead = head.value_or(std::string{});
    if (m_model.waitingForPageCheck()) {
        // The opening is recorded once every page is checked; reading the head now would wait.
        ImGui::TextDisabled("Shown once every page of the vault is checked\xE2\x80\xA6");
        return;
    }
    if (!head) {
        // Read on a worker when the vault changed; the previous head may no longer be the newest.
        ImGui::TextDisabled("Reading\xE2\x80\xA6");
        ui::markItem("settings-audit-head-reading");
        return;
    }
    if (m_auditHead.empty()) {
        ImGui::TextDisabled("No audit log in this vault");
        return;
    }
    const char* copyLabel = "Copy";
    const float buttonWidth = ImGui::CalcTextSize(copyLabel).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(std::max(120.0f, width - buttonWidth - ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputText("##audit-head", &m_auditHead, ImGuiInputTextFlags_ReadOnly);
    ui::markItem("settings-audit-head");
    ImGui::SameLine();
    if (ImGui::Button(copyLabel)) {
        ImGui::SetClipboardText(m_auditHead.c_str());
    }
    ui::markItem("settings-audit-head-copy");
    explain("The fingerprint of the newest entry of the vault's audit log. Keep a copy away from this computer (with "
            "your backups, or on paper): if anyone ever rewrites the log, 'tessera-cli verify --expect-head' with "
            "the copy you kept shows it.",
            column, width);
}

void SettingsView::drawAbout() {
    const auto [column, width] = beginSection("About");
    rowLabel("Version", column);
    ImGui::TextUnformatted("Tessera " TESSERA_VERSION);
    explain("Your notes stay on this computer, in one encrypted file. Tessera never uses the network: no accounts, no "
            "sync, no telemetry.",
            column, width);
}

std::optional<std::string> SettingsView::backupResult() const {
    const auto& outcome = m_model.backupOutcome();
    return outcome ? std::optional{outcome->message} : std::nullopt;
}

bool SettingsView::backupFailed() const {
    return m_model.backupOutcome() && m_model.backupOutcome()->failed;
}

void SettingsView::waitForWorker() {
    if (auto* workspace = m_app.workspace()) {
        m_model.waitForWork(workspace->vault());
    }
}

} // namespace tessera::app
