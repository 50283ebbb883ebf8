#pragma once
// The console's look: one style sheet for the main window, the monospace font for
// numbers, and "tones" (semantic colours) that widgets switch between without
// rebuilding their style. GUI thread only.

#include <QColor>
#include <QFont>
#include <QString>

#include <cstdint>

class QAbstractButton;
class QLabel;
class QWidget;

namespace vigil::theme {

/// What a value means, which decides its colour.
enum class Tone { Normal, Muted, Profit, Loss, Warning, Neutral };

/// The style sheet of the main window and everything inside it.
QString styleSheet();
/// A fixed-pitch font at `pixelSize`, optionally bold.
QFont monospaceFont(int pixelSize, QFont::Weight weight = QFont::Normal);
QColor toneColour(Tone tone);
/// The tone of a signed amount: Profit above zero, Loss below, Normal at zero.
Tone signTone(std::int64_t raw);

/// Sets the widget's "tone" property and re-polishes it only when the tone changed.
void setTone(QWidget *widget, Tone tone);
/// Sets the label's text only when it changed (no relayout, no repaint otherwise).
void setText(QLabel *label, const QString &text);
/// The same for a button.
void setButtonText(QAbstractButton *button, const QString &text);

} // namespace vigil::theme
