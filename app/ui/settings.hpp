#pragma once

#include "tessera/spell/spell_checker.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace tessera::app {

// Preferences that live outside the vault (they are not clinical data): a JSON file in
// $XDG_CONFIG_HOME/tessera/settings.json. Recent vaults are remembered as paths only.
struct Settings {
    enum class Theme { Light, Dark };

    Theme theme = Theme::Light;
    float uiScale = 0.0f;   // 0: follow the monitor's content scale
    float fontSize = 17.0f; // in pixels at scale 1
    int autoLockMinutes = 10;
    int autosaveSeconds = 3;
    // Show client codes only (every view, list, header, tooltip and filter): for a clinician
    // sharing their screen. Remembered so it holds after locking and restarting.
    bool hideNames = false;
    // Spell checking in the note editor (docs/app.md, "Spell checking"); on by default.
    bool spellCheck = true;
    spell::Language spellLanguage = spell::Language::EnglishUS;
    std::vector<std::string> recentVaults; // newest first, at most 8

    void rememberVault(const std::filesystem::path& path);
};

[[nodiscard]] std::filesystem::path defaultSettingsPath();
// Missing or unreadable files give the defaults: preferences must never stop a clinician
// from reaching their notes.
[[nodiscard]] Settings loadSettings(const std::filesystem::path& path);
// Returns false when the file could not be written (the app keeps running with its settings).
bool saveSettings(const Settings& settings, const std::filesystem::path& path);

} // namespace tessera::app
