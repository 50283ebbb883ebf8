#pragma once
// The console's colours, shared by the models (foreground of signed values) and the
// widgets (style sheet, chart). Thread safe (pure functions returning values).

#include <QColor>

namespace vigil::palette {

inline QColor window() { return QColor(0x0d, 0x11, 0x17); }
inline QColor panel() { return QColor(0x16, 0x1b, 0x22); }
inline QColor panelRaised() { return QColor(0x1c, 0x23, 0x2c); }
inline QColor border() { return QColor(0x30, 0x36, 0x3d); }
inline QColor text() { return QColor(0xe6, 0xed, 0xf3); }
inline QColor mutedText() { return QColor(0x8b, 0x94, 0x9e); }
inline QColor accent() { return QColor(0x58, 0xa6, 0xff); }

/// A gain, a healthy component, an active trading state.
inline QColor profit() { return QColor(0x3f, 0xb9, 0x50); }
/// A loss, a component that is down, a halted or killed trading state.
inline QColor loss() { return QColor(0xf8, 0x51, 0x49); }
/// Attention: a slow path, a stale heartbeat, a paused trading state.
inline QColor warning() { return QColor(0xd2, 0x99, 0x22); }
/// Planned stop: maintenance.
inline QColor neutral() { return QColor(0x6e, 0x76, 0x81); }

} // namespace vigil::palette
