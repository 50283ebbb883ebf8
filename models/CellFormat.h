#pragma once
// Cell text and colours shared by the table models. Thread safe (pure functions).

#include "Palette.h"
#include "api/Fixed.h"

#include <QString>
#include <QVariant>

#include <cstdint>
#include <string_view>

namespace vigil::cell {

/// The engine's word for a value of one of its enums (a status, a severity, a kind).
inline QString word(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Two decimals, rounded half away from zero: "-1234.50".
template<typename Tag> QString twoDecimals(Fixed4<Tag> value) { return QString::fromStdString(value.toString(2)); }

/// The exact decimal text, for tool tips: "-1234.5035".
template<typename Tag> QString exact(Fixed4<Tag> value) { return QString::fromStdString(value.toString()); }

/// Foreground of a signed value: gain green, loss red, no colour of its own when zero.
inline QVariant signColour(std::int64_t raw)
{
    if (raw > 0)
        return palette::profit();
    if (raw < 0)
        return palette::loss();
    return {};
}

inline QVariant numberAlignment() { return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter)); }
inline QVariant textAlignment() { return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter)); }

} // namespace vigil::cell
