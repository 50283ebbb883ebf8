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

/// Colours for a chart's series (one per strategy), told apart without red and green:
/// the Okabe-Ito set, which colour-blind readers can separate, brightened for the dark
/// background. Wraps around after six.
inline QColor series(int i)
{
    static const QColor colours[] = {QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00), QColor(0xcc, 0x79, 0xa7),
                                     QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0xb0, 0x86), QColor(0xe0, 0x70, 0x20)};
    return colours[(i % 6 + 6) % 6];
}

} // namespace vigil::palette
