#include "net/Rfc3339.h"

#include <cstdint>

namespace vigil::gateway {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

void put2(char *out, std::int64_t v)
{
    out[0] = static_cast<char>('0' + v / 10);
    out[1] = static_cast<char>('0' + v % 10);
}

} // namespace

std::size_t writeRfc3339(SimTime t, char *out)
{
    std::int64_t seconds = t / kNsPerSecond;
    std::int64_t nanos = t % kNsPerSecond;
    if (nanos < 0) {
        nanos += kNsPerSecond;
        --seconds;
    }
    std::int64_t days = seconds / kSecondsPerDay;
    std::int64_t secondOfDay = seconds % kSecondsPerDay;
    if (secondOfDay < 0) {
        secondOfDay += kSecondsPerDay;
        --days;
    }
    // The civil date of a day count (Howard Hinnant's algorithm, as api/Time.cpp's inverse).
    days += 719'468;
    const std::int64_t era = (days >= 0 ? days : days - 146'096) / 146'097;
    const std::int64_t dayOfEra = days - era * 146'097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t mp = (5 * dayOfYear + 2) / 153;
    const std::int64_t day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

    put2(out, year / 100);
    put2(out + 2, year % 100);
    out[4] = '-';
    put2(out + 5, month);
    out[7] = '-';
    put2(out + 8, day);
    out[10] = 'T';
    put2(out + 11, secondOfDay / 3600);
    out[13] = ':';
    put2(out + 14, secondOfDay / 60 % 60);
    out[16] = ':';
    put2(out + 17, secondOfDay % 60);
    std::size_t size = 19;
    if (nanos != 0) {
        out[size++] = '.';
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            --digits;
        }
        for (int i = digits - 1; i >= 0; --i) {
            out[size + static_cast<std::size_t>(i)] = static_cast<char>('0' + nanos % 10);
            nanos /= 10;
        }
        size += static_cast<std::size_t>(digits);
    }
    out[size++] = 'Z';
    return size;
}

std::string rfc3339(SimTime t)
{
    char text[kRfc3339MaxSize];
    return std::string(text, writeRfc3339(t, text));
}

} // namespace vigil::gateway
