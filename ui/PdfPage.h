#pragma once
// What Vigil's PDF documents share (the daily report, an incident's record): an A4 page laid
// out in points, the fonts, and writing the file whole or not at all (QSaveFile). Each
// document lays itself out twice, once to count its pages and once to draw them, and draws
// through writePdf(). Any thread (nothing here is a widget); needs a QGuiApplication for the
// fonts.

#include <QFont>
#include <QString>

#include <functional>

class QPainter;
class QPdfWriter;

namespace vigil::pdf {

/// A4 in points (1/72 in).
inline constexpr double kPageWidth = 595.0;
inline constexpr double kPageHeight = 842.0;
inline constexpr double kMargin = 40.0;
inline constexpr double kContentWidth = kPageWidth - 2 * kMargin;
inline constexpr double kTop = kMargin + 14;                  ///< below the running header
inline constexpr double kBottom = kPageHeight - kMargin - 14; ///< above the footer
inline constexpr double kRow = 12.0;                          ///< a line of text or a table row

/// DejaVu at `size` points (the painter is scaled to points), unhinted and unshaped: no
/// ligatures, so "fi" stays two letters that a search (and pdftotext) finds; the document
/// must say exactly what it says. Latin text loses nothing else.
QFont font(int size, bool bold = false, bool mono = false);

/// Writes `file` (its folder made if missing) with `draw` painting every page on a painter
/// scaled to points; the file is replaced only once it is whole. Returns an empty string or
/// what went wrong, naming the file.
QString writePdf(const QString &file, const QString &title, const QString &creator,
                 const std::function<void(QPainter &, QPdfWriter &)> &draw);

} // namespace vigil::pdf
