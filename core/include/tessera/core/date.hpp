#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::core {

// A calendar date (a session happens on a day; its time of day, when recorded, is a TimeOfDay).
class Date {
public:
    Date() = default;
    explicit Date(std::chrono::year_month_day ymd);

    // Parses "YYYY-MM-DD"; nullopt when the text is not a real calendar date.
    [[nodiscard]] static std::optional<Date> parse(std::string_view text);

    [[nodiscard]] std::string toIso() const;
    [[nodiscard]] std::chrono::year_month_day ymd() const { return m_ymd; }
    [[nodiscard]] std::chrono::sys_days days() const { return std::chrono::sys_days{m_ymd}; }
    // Whole days from `earlier` to this date (negative when this date is earlier).
    [[nodiscard]] long daysSince(const Date& earlier) const;
    [[nodiscard]] Date plusDays(long days) const;

    friend bool operator==(const Date&, const Date&) = default;
    friend std::strong_ordering operator<=>(const Date& a, const Date& b) { return a.days() <=> b.days(); }

private:
    std::chrono::year_month_day m_ymd{std::chrono::year{1970}, std::chrono::month{1}, std::chrono::day{1}};
};

// A local wall-clock time of day, to the minute ("14:30"): when a session began, as the clinician
// wrote it. No time zone: it is what the appointment book says.
class TimeOfDay {
public:
    TimeOfDay() = default;
    // Minutes since midnight, 0 to 1439 (clamped).
    explicit TimeOfDay(int minutes);

    // Parses "HH:MM" (24-hour, two digits each, "00:00" to "23:59"); nullopt for anything else.
    [[nodiscard]] static std::optional<TimeOfDay> parse(std::string_view text);

    [[nodiscard]] std::string toString() const; // "14:30"
    [[nodiscard]] int minutes() const { return m_minutes; }
    [[nodiscard]] int hour() const { return m_minutes / 60; }
    [[nodiscard]] int minute() const { return m_minutes % 60; }

    friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees the 0 of the defaulted <=>'s own code
    friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;

private:
    int m_minutes = 0;
};

// A moment in UTC, second precision, written as "YYYY-MM-DDTHH:MM:SSZ".
class Timestamp {
public:
    Timestamp() = default;
    explicit Timestamp(std::chrono::sys_seconds at) : m_at(at) {}

    // Accepts "YYYY-MM-DDTHH:MM:SSZ" (also with fractional seconds, which are dropped,
    // or a numeric offset such as "+02:00", which is converted to UTC).
    [[nodiscard]] static std::optional<Timestamp> parse(std::string_view text);
    [[nodiscard]] static Timestamp now();

    [[nodiscard]] std::string toIso() const;
    [[nodiscard]] std::chrono::sys_seconds time() const { return m_at; }
    [[nodiscard]] Date date() const;

    friend bool operator==(const Timestamp&, const Timestamp&) = default;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees the 0 of the defaulted <=>'s own code
    friend auto operator<=>(const Timestamp&, const Timestamp&) = default;

private:
    std::chrono::sys_seconds m_at{};
};

} // namespace tessera::core
