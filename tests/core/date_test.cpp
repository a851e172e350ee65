// Dates and timestamps: the only two ways time enters a note. A session happens on a calendar
// day; a signature or addendum happens at a moment in UTC.

#include "tessera/core/date.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace tessera::core;
namespace chrono = std::chrono;

namespace {

Date calendarDay(const std::string& iso) {
    const auto date = Date::parse(iso);
    REQUIRE(date.has_value());
    return *date;
}

Timestamp moment(const std::string& iso) {
    const auto at = Timestamp::parse(iso);
    REQUIRE(at.has_value());
    return *at;
}

} // namespace

// ---- Date -----------------------------------------------------------------------------------

TEST_CASE("Date::parse accepts real calendar dates and rejects everything else", "[date]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"2026-01-07", true},
        {"2026-12-31", true},
        {"1999-01-01", true},
        {"2024-02-29", true},  // 2024 is a leap year
        {"2000-02-29", true},  // divisible by 400: a leap year
        {"2025-02-29", false}, // 2025 is not
        {"1900-02-29", false}, // divisible by 100 but not 400: not a leap year
        {"2026-02-30", false}, // no such day
        {"2026-04-31", false}, // April has 30 days
        {"2026-13-01", false}, // no 13th month
        {"2026-00-10", false}, // no month 0
        {"2026-01-00", false}, // no day 0
        {"2026-1-7", false},   // digits must be zero-padded
        {"2026-01-7", false},
        {"26-01-07", false},
        {"2026/01/07", false},
        {"2026-01-07x", false}, // trailing text
        {"2026-01-07 ", false},
        {" 2026-01-07", false},
        {"2026-01-07T10:00:00Z", false}, // a timestamp is not a date
        {"2026-0a-07", false},
        {"", false},
    }));
    CAPTURE(text);
    CHECK(Date::parse(text).has_value() == valid);
}

TEST_CASE("Date::toIso writes what parse reads, zero-padded", "[date]") {
    const auto text = GENERATE(as<std::string>{}, "2026-01-07", "2024-02-29", "0999-09-09", "2100-12-31");
    CHECK(calendarDay(text).toIso() == text);
    CHECK(Date{chrono::year{2026} / chrono::March / 5}.toIso() == "2026-03-05");
}

TEST_CASE("A default Date is 1970-01-01", "[date]") {
    CHECK(Date{}.toIso() == "1970-01-01");
}

TEST_CASE("daysSince counts whole days across months, leap days and years", "[date]") {
    const auto [later, earlier, days] = GENERATE(table<std::string, std::string, long>({
        {"2026-01-07", "2026-01-07", 0},
        {"2026-01-14", "2026-01-07", 7},
        {"2026-01-07", "2026-01-14", -7},
        {"2024-03-01", "2024-02-28", 2}, // through 29 February
        {"2025-03-01", "2025-02-28", 1},
        {"2026-01-01", "2025-01-01", 365},
        {"2025-01-01", "2024-01-01", 366},
    }));
    CAPTURE(later, earlier);
    CHECK(calendarDay(later).daysSince(calendarDay(earlier)) == days);
}

TEST_CASE("plusDays moves across month and year ends and back", "[date]") {
    CHECK(calendarDay("2026-01-28").plusDays(7).toIso() == "2026-02-04");
    CHECK(calendarDay("2025-12-29").plusDays(7).toIso() == "2026-01-05");
    CHECK(calendarDay("2024-02-28").plusDays(1).toIso() == "2024-02-29");
    CHECK(calendarDay("2025-02-28").plusDays(1).toIso() == "2025-03-01");
    CHECK(calendarDay("2026-03-01").plusDays(-1).toIso() == "2026-02-28");
    const auto start = calendarDay("2026-01-07");
    CHECK(start.plusDays(100).daysSince(start) == 100);
}

TEST_CASE("Dates order by calendar day", "[date]") {
    CHECK(calendarDay("2026-01-07") < calendarDay("2026-01-08"));
    CHECK(calendarDay("2025-12-31") < calendarDay("2026-01-01"));
    CHECK(calendarDay("2026-01-07") == calendarDay("2026-01-07"));
    CHECK(calendarDay("2026-02-01") > calendarDay("2026-01-31"));
}

// ---- Timestamp ------------------------------------------------------------------------------

TEST_CASE("Timestamp::parse reads UTC, fractional seconds and numeric offsets", "[date][timestamp]") {
    const auto [text, utc] = GENERATE(table<std::string, std::string>({
        {"2026-01-07T18:20:00Z", "2026-01-07T18:20:00Z"},
        {"2026-01-07t18:20:00z", "2026-01-07T18:20:00Z"},     // lower-case T and Z are allowed by RFC 3339
        {"2026-01-07T18:20:00.750Z", "2026-01-07T18:20:00Z"}, // fractions are dropped, not rounded
        {"2026-01-07T18:20:59.999999Z", "2026-01-07T18:20:59Z"},
        {"2026-01-07T20:20:00+02:00", "2026-01-07T18:20:00Z"}, // offset converted to UTC
        {"2026-01-07T13:20:00-05:00", "2026-01-07T18:20:00Z"},
        {"2026-01-07T01:30:00+02:00", "2026-01-06T23:30:00Z"}, // back across midnight
        {"2025-12-31T22:00:00-03:00", "2026-01-01T01:00:00Z"}, // forward across the new year
        {"2026-01-07T18:20:00.5+01:00", "2026-01-07T17:20:00Z"},
    }));
    CAPTURE(text);
    CHECK(moment(text).toIso() == utc);
}

TEST_CASE("Timestamp::parse refuses times without a zone and malformed text", "[date][timestamp]") {
    const auto text = GENERATE(as<std::string>{},
                               "2026-01-07T18:20:00",       // no zone: ambiguous
                               "2026-01-07T18:20:00.5",     // fraction but still no zone
                               "2026-01-07 18:20:00Z",      // space instead of T
                               "2026-01-07T18:20Z",         // seconds missing
                               "2026-01-07T24:00:00Z",      // hour 24
                               "2026-01-07T18:60:00Z",      // minute 60
                               "2026-02-30T18:20:00Z",      // not a date
                               "2026-01-07T18:20:00.Z",     // a dot without digits
                               "2026-01-07T18:20:00+0200",  // offset without colon
                               "2026-01-07T18:20:00+02",    // offset cut short
                               "2026-01-07T18:20:00+24:00", // offset hour out of range
                               "2026-01-07T18:20:00ZZ",     // trailing text
                               "2026-01-07T18:20:00X", "2026-01-07", "");
    CAPTURE(text);
    CHECK_FALSE(Timestamp::parse(text).has_value());
}

TEST_CASE("Timestamp::toIso round-trips and gives the UTC calendar day", "[date][timestamp]") {
    const auto at = moment("2026-01-07T18:20:05Z");
    CHECK(at.toIso() == "2026-01-07T18:20:05Z");
    CHECK(moment(at.toIso()) == at);
    CHECK(at.date() == calendarDay("2026-01-07"));
    CHECK(moment("2026-01-08T00:30:00+02:00").date() == calendarDay("2026-01-07"));
    CHECK(Timestamp{chrono::sys_days{chrono::year{2024} / chrono::February / 29} + chrono::hours{9}}.toIso() ==
          "2024-02-29T09:00:00Z");
    CHECK(moment("2026-01-07T18:20:00Z") < moment("2026-01-07T18:20:01Z"));
    CHECK(moment("2026-01-07T20:20:00+02:00") == moment("2026-01-07T18:20:00Z"));
}

TEST_CASE("Timestamp::now is a plausible present moment", "[date][timestamp]") {
    const auto now = Timestamp::now();
    CHECK(now.date() > calendarDay("2024-01-01"));
    CHECK(moment(now.toIso()) == now);
}

TEST_CASE("TimeOfDay::parse reads HH:MM on a 24-hour clock and nothing else", "[date][time]") {
    const auto half = TimeOfDay::parse("14:30");
    REQUIRE(half.has_value());
    CHECK(half->hour() == 14);
    CHECK(half->minute() == 30);
    CHECK(half->minutes() == 870);
    CHECK(half->toString() == "14:30");
    CHECK(TimeOfDay::parse("00:00")->toString() == "00:00");
    CHECK(TimeOfDay::parse("23:59")->minutes() == 23 * 60 + 59);
    CHECK(TimeOfDay::parse("09:05")->toString() == "09:05");
    for (const char* bad :
         {"", "9:05", "09:5", "24:00", "12:60", "12-30", "12:30:00", " 12:30", "12:3a", "1230", "-1:30", "12:30 "}) {
        INFO(bad);
        CHECK_FALSE(TimeOfDay::parse(bad).has_value());
    }
    CHECK(*TimeOfDay::parse("08:59") < *TimeOfDay::parse("09:00"));
    CHECK(TimeOfDay{5000}.toString() == "23:59"); // clamped
}
