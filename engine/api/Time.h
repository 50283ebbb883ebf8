#pragma once
// Simulation and wall time. Thread safe (plain values and pure functions).

#include <cstdint>
#include <string>

namespace vigil {

/// Nanoseconds since the Unix epoch, UTC. Simulated time in simulator mode.
using SimTime = std::int64_t;

constexpr SimTime kNsPerUs = 1'000;
constexpr SimTime kNsPerMs = 1'000'000;
constexpr SimTime kNsPerSecond = 1'000'000'000;
constexpr SimTime kNsPerMinute = 60 * kNsPerSecond;

/// A calendar date (proleptic Gregorian).
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const Date &) const = default;
    std::string toIso() const;     ///< "2026-11-20"
    std::string toCompact() const; ///< "20261120"
    bool isValid() const;
};

/// The regular US equity session of one day, as UTC instants.
struct SessionWindow {
    Date date;
    SimTime open = 0;         ///< 09:30 America/New_York
    SimTime close = 0;        ///< 16:00 America/New_York
    int utcOffsetMinutes = 0; ///< New York's offset from UTC that day (-300 or -240)

    /// Instant of `hh:mm:ss` New York time on the session date.
    SimTime at(int hour, int minute, int second = 0) const;
    /// "HH:MM:SS" New York time of an instant.
    std::string clockText(SimTime t) const;
    /// Seconds since midnight New York time of an instant.
    int secondsOfDay(SimTime t) const;
};

/// The session of `date`, with New York's daylight-saving rules. Pure and deterministic.
SessionWindow sessionFor(const Date &date);

/// Monotonic wall clock in nanoseconds (for latency, pacing and refresh, never for trading
/// decisions in simulator mode).
std::int64_t wallNowNs();

/// The calendar's time now, nanoseconds since the Unix epoch, UTC (for records a person
/// reads later: when an operator acted, in the audit trail).
std::int64_t utcNowNs();

} // namespace vigil
