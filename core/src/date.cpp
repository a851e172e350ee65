#include "tessera/core/date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace tessera::core {
namespace {

using namespace std::chrono;

// Reads exactly `width` ASCII digits at `pos`; nullopt otherwise.
std::optional<int> readDigits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<year_month_day> parseYmd(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto y = readDigits(text, 0, 4);
    const auto m = readDigits(text, 5, 2);
    const auto d = readDigits(text, 8, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return ymd;
}

} // namespace

Date::Date(std::chrono::year_month_day ymd) : m_ymd(ymd) {}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10) {
        return std::nullopt;
    }
    const auto ymd = parseYmd(text);
    if (!ymd) {
        return std::nullopt;
    }
    return Date{*ymd};
}

std::string Date::toIso() const {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(m_ymd.year()),
                  static_cast<unsigned>(m_ymd.month()), static_cast<unsigned>(m_ymd.day()));
    return buffer.data();
}

long Date::daysSince(const Date& earlier) const {
    return static_cast<long>((days() - earlier.days()).count());
}

Date Date::plusDays(long count) const {
    return Date{year_month_day{days() + std::chrono::days{count}}};
}

std::optional<Timestamp> Timestamp::parse(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS then optional .fraction, then Z or +HH:MM / -HH:MM.
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const auto ymd = parseYmd(text.substr(0, 10));
    const auto hh = readDigits(text, 11, 2);
    const auto mm = readDigits(text, 14, 2);
    const auto ss = readDigits(text, 17, 2);
    if (!ymd || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == start) {
            return std::nullopt;
        }
    }
    if (pos >= text.size()) {
        return std::nullopt; // a time without a zone is ambiguous
    }
    seconds offset{0};
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '+' ? 1 : -1;
        const auto oh = readDigits(text, pos + 1, 2);
        const auto om = readDigits(text, pos + 4, 2);
        if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
            return std::nullopt;
        }
        offset = seconds{sign * (*oh * 3600 + *om * 60)};
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const sys_seconds local = sys_days{*ymd} + hours{*hh} + minutes{*mm} + seconds{*ss};
    return Timestamp{local - offset};
}

Timestamp Timestamp::now() {
    return Timestamp{time_point_cast<seconds>(system_clock::now())};
}

std::string Timestamp::toIso() const {
    const auto day = floor<days>(m_at);
    const year_month_day ymd{day};
    const hh_mm_ss<seconds> hms{m_at - day};
    // Hours, minutes and seconds of a day fit in two digits; the buffer leaves room for any year
    // so that the compiler can prove no truncation.
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buffer.data();
}

Date Timestamp::date() const {
    return Date{year_month_day{floor<days>(m_at)}};
}

TimeOfDay::TimeOfDay(int minutes) : m_minutes(std::clamp(minutes, 0, 24 * 60 - 1)) {}

std::optional<TimeOfDay> TimeOfDay::parse(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const auto hours = readDigits(text, 0, 2);
    const auto minutes = readDigits(text, 3, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) {
        return std::nullopt;
    }
    return TimeOfDay{*hours * 60 + *minutes};
}

std::string TimeOfDay::toString() const {
    // Digits by hand: hour() and minute() are 0-23 and 0-59 by construction, which snprintf's
    // truncation check cannot see (GCC -O3 with _FORTIFY_SOURCE rejects "%02d" into 8 bytes).
    const auto digit = [](int value) { return static_cast<char>('0' + value); };
    return {digit(hour() / 10), digit(hour() % 10), ':', digit(minute() / 10), digit(minute() % 10)};
}

} // namespace tessera::core
