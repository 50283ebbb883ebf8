#pragma once
// The small labels every dashboard panel is built from: section titles, captions, figures
// in the monospace font, and a figure's text and tone set together. GUI thread only.

#include "Theme.h"

#include <QString>

class QLabel;
class QWidget;

namespace vigil::panel {

/// A section heading inside a panel ("Latency", "Components").
QLabel *sectionTitle(const QString &text, QWidget *parent);
/// A small muted caption over or beside a figure.
QLabel *caption(const QString &text, QWidget *parent, Qt::Alignment alignment = Qt::AlignRight);
/// A figure in the monospace font, right-aligned, a dash until it is first set.
QLabel *figure(QWidget *parent, int pixelSize = 14);
/// Sets a figure's text and tone (each only when it changed).
void present(QLabel *label, const QString &text, theme::Tone tone);

} // namespace vigil::panel
