#include "ui/settings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera::app {

void Settings::rememberVault(const std::filesystem::path& path) {
    const auto text = std::filesystem::absolute(path).lexically_normal().string();
    recentVaults.erase(std::remove(recentVaults.begin(), recentVaults.end(), text), recentVaults.end());
    recentVaults.insert(recentVaults.begin(), text);
    if (recentVaults.size() > 8) {
        recentVaults.resize(8);
    }
}

std::filesystem::path defaultSettingsPath() {
    std::filesystem::path config;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/') {
        config = xdg;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        config = std::filesystem::path{home} / ".config";
    } else {
        config = ".";
    }
    return config / "tessera" / "settings.json";
}

Settings loadSettings(const std::filesystem::path& path) {
    Settings settings;
    std::ifstream in(path);
    if (!in) {
        return settings;
    }
    const auto json =
        nlohmann::json::parse(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), nullptr, false);
    if (!json.is_object()) {
        return settings;
    }
    settings.theme =
        json.value("theme", std::string{"light"}) == "dark" ? Settings::Theme::Dark : Settings::Theme::Light;
    settings.uiScale = std::clamp(json.value("ui_scale", 0.0f), 0.0f, 3.0f);
    settings.fontSize = std::clamp(json.value("font_size", 17.0f), 12.0f, 32.0f);
    settings.autoLockMinutes = std::clamp(json.value("auto_lock_minutes", 10), 1, 240);
    settings.hideNames = json.value("hide_names", false);
    settings.autosaveSeconds = std::clamp(json.value("autosave_seconds", 3), 1, 30);
    settings.spellCheck = json.value("spell_check", true);
    settings.spellLanguage = json.value("spell_language", std::string{"en_US"}) == "en_GB" ? spell::Language::EnglishUK
                                                                                           : spell::Language::EnglishUS;
    if (const auto it = json.find("recent_vaults"); it != json.end() && it->is_array()) {
        for (const auto& item : *it) {
            if (item.is_string() && settings.recentVaults.size() < 8) {
                settings.recentVaults.push_back(item.get<std::string>());
            }
        }
    }
    return settings;
}

bool saveSettings(const Settings& settings, const std::filesystem::path& path) {
    nlohmann::ordered_json json;
    json["theme"] = settings.theme == Settings::Theme::Dark ? "dark" : "light";
    json["ui_scale"] = settings.uiScale;
    json["font_size"] = settings.fontSize;
    json["auto_lock_minutes"] = settings.autoLockMinutes;
    json["hide_names"] = settings.hideNames;
    json["autosave_seconds"] = settings.autosaveSeconds;
    json["spell_check"] = settings.spellCheck;
    json["spell_language"] = std::string{spell::dictionaryName(settings.spellLanguage)};
    json["recent_vaults"] = settings.recentVaults;
    // Recent vault paths say who keeps notes where: the folder is the owner's alone (0700, also
    // when an earlier version created it 0755) and so is the file (0600).
    std::error_code error;
    const auto folder = path.parent_path();
    if (!folder.empty()) {
        std::filesystem::create_directories(folder, error);
        ::chmod(folder.c_str(), 0700);
    }
    const auto temporary = path.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return false;
    }
    const auto text = json.dump(2) + "\n";
    bool written = ::fchmod(fd, 0600) == 0; // a leftover temporary file keeps its old mode otherwise
    for (std::size_t done = 0; written && done < text.size();) {
        const auto n = ::write(fd, text.data() + done, text.size() - done);
        written = n > 0 || (n < 0 && errno == EINTR);
        done += n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    written = ::close(fd) == 0 && written;
    if (!written) {
        std::filesystem::remove(temporary, error);
        return false;
    }
    std::filesystem::rename(temporary, path, error);
    return !error;
}

} // namespace tessera::app
