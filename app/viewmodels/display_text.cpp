#include "viewmodels/display_text.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>

namespace tessera::app {
namespace {

constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::tm localTime(std::time_t at) {
    std::tm result{};
    localtime_r(&at, &result);
    return result;
}

std::string twoDigits(int value) {
    std::string text = std::to_string(value);
    return value < 10 ? "0" + text : text;
}

char fold(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

} // namespace

std::string mediumDate(const core::Date& date) {
    const auto ymd = date.ymd();
    const unsigned month = static_cast<unsigned>(ymd.month());
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " + kMonths.at((month + 11U) % 12U) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string shortDate(const core::Date& date, const core::Date& today) {
    const auto ymd = date.ymd();
    if (ymd.year() != today.ymd().year()) {
        return mediumDate(date);
    }
    const unsigned month = static_cast<unsigned>(ymd.month());
    return std::to_string(static_cast<unsigned>(ymd.day())) + " " + kMonths.at((month + 11U) % 12U);
}

std::string longDate(const core::Date& date) {
    const std::chrono::weekday weekday{date.days()};
    return std::string{kWeekdays.at(weekday.c_encoding() % 7U)} + " " + mediumDate(date);
}

std::string localDateTime(const core::Timestamp& at) {
    const std::tm local = localTime(std::chrono::system_clock::to_time_t(at.time()));
    return std::to_string(local.tm_mday) + " " + kMonths.at(static_cast<std::size_t>(local.tm_mon) % 12U) + " " +
           std::to_string(local.tm_year + 1900) + ", " + twoDigits(local.tm_hour) + ":" + twoDigits(local.tm_min);
}

std::string localClockNow() {
    const std::tm local = localTime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
    return twoDigits(local.tm_hour) + ":" + twoDigits(local.tm_min);
}

core::Date localToday() {
    const std::tm local = localTime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()));
    return core::Date{std::chrono::year{local.tm_year + 1900} /
                      std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
                      std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

std::string stageLabel(core::Stage stage) {
    return std::string{core::stageName(stage)};
}

std::string stageLabel(const std::optional<core::Stage>& stage) {
    return stage ? stageLabel(*stage) : std::string{"not recorded"};
}

std::string stageTargetLabel(core::StageTarget target) {
    return target == core::StageTarget::Leaving ? "Leaving" : "Safety";
}

std::string_view intensityLabel(int intensity) {
    switch (intensity) {
    case 1: return "mentioned";
    case 2: return "clearly present";
    case 3: return "central";
    default: return "absent";
    }
}

std::optional<std::size_t> findFolded(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) {
        return std::nullopt;
    }
    for (std::size_t start = 0; start + needle.size() <= haystack.size(); ++start) {
        std::size_t i = 0;
        while (i < needle.size() && fold(haystack[start + i]) == fold(needle[i])) {
            ++i;
        }
        if (i == needle.size()) {
            return start;
        }
    }
    return std::nullopt;
}

bool containsFolded(std::string_view haystack, std::string_view needle) {
    return findFolded(haystack, needle).has_value();
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string{text.substr(first, last - first + 1)};
}

} // namespace tessera::app
