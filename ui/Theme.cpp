#include "Theme.h"

#include "Palette.h"

#include <QAbstractButton>
#include <QFontDatabase>
#include <QLabel>
#include <QStyle>
#include <QVariant>

namespace vigil::theme {

namespace {

const char *toneName(Tone tone)
{
    switch (tone) {
    case Tone::Normal: return "normal";
    case Tone::Muted: return "muted";
    case Tone::Profit: return "profit";
    case Tone::Loss: return "loss";
    case Tone::Warning: return "warning";
    case Tone::Neutral: return "neutral";
    }
    return "normal";
}

QString hex(const QColor &colour) { return colour.name(QColor::HexRgb); }

} // namespace

QColor toneColour(Tone tone)
{
    switch (tone) {
    case Tone::Normal: return palette::text();
    case Tone::Muted: return palette::mutedText();
    case Tone::Profit: return palette::profit();
    case Tone::Loss: return palette::loss();
    case Tone::Warning: return palette::warning();
    case Tone::Neutral: return palette::neutral();
    }
    return palette::text();
}

Tone signTone(std::int64_t raw)
{
    if (raw > 0)
        return Tone::Profit;
    if (raw < 0)
        return Tone::Loss;
    return Tone::Normal;
}

QFont monospaceFont(int pixelSize, QFont::Weight weight)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace);
    font.setPixelSize(pixelSize);
    font.setWeight(weight);
    return font;
}

void setTone(QWidget *widget, Tone tone)
{
    const QByteArray name(toneName(tone));
    if (widget->property("tone").toByteArray() == name)
        return;
    widget->setProperty("tone", name);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

void setText(QLabel *label, const QString &text)
{
    if (label->text() != text)
        label->setText(text);
}

void setButtonText(QAbstractButton *button, const QString &text)
{
    if (button->text() != text)
        button->setText(text);
}

QString styleSheet()
{
    QString sheet = QString::fromUtf8(R"(
QMainWindow, QWidget#dashboard, QWidget#waitingPage { background: @window; }
QWidget { color: @text; }
QToolTip { background: @raised; color: @text; border: 1px solid @border; }

QFrame#panel, QFrame#tile, QFrame#headerStrip, QFrame#controlBar {
    background: @panel; border: 1px solid @border; border-radius: 6px;
}
QLabel { background: transparent; border: none; }
QLabel#panelTitle, QLabel#tileTitle, QLabel#fieldTitle, QLabel#sectionTitle {
    color: @muted; font-size: 11px; font-weight: 600;
}
QLabel#tileDetail, QLabel#fieldDetail { color: @muted; font-size: 12px; }
QLabel#wordmark { color: @text; font-size: 18px; font-weight: 800; }
QLabel#waitingWordmark { color: @accent; font-size: 30px; font-weight: 800; }
QLabel#waitingTitle { color: @text; font-size: 22px; font-weight: 600; }
QLabel#waitingDetail { color: @muted; font-size: 14px; }

QLabel#stateBadge {
    border-radius: 5px; padding: 6px 18px; font-size: 22px; font-weight: 800;
    color: #0d1117; background: @neutral;
}
QLabel#stateBadge[tone="profit"] { background: @profit; }
QLabel#stateBadge[tone="warning"] { background: @warning; }
QLabel#stateBadge[tone="loss"] { background: @loss; color: #ffffff; }
QLabel#stateBadge[tone="neutral"] { background: @neutral; color: #ffffff; }
QLabel#stateBadge[tone="muted"] { background: @raised; color: @text; border: 1px solid @border; }
QLabel#stateOrigin, QLabel#stateReason { color: @text; font-size: 12px; }
QLabel#venueBadge {
    border-radius: 4px; padding: 1px 8px; font-size: 13px; font-weight: 800;
    color: #ffffff; background: @neutral;
}
QLabel#venueBadge[tone="loss"] { background: @loss; color: #ffffff; }

QLabel[tone="normal"] { color: @text; }
QLabel[tone="muted"] { color: @muted; }
QLabel[tone="profit"] { color: @profit; }
QLabel[tone="loss"] { color: @loss; }
QLabel[tone="warning"] { color: @warning; }
QLabel[tone="neutral"] { color: @neutral; }

QFrame#controlBar QPushButton, QFrame#controlBar QToolButton {
    background: @raised; color: @text; border: 1px solid @border; border-radius: 4px;
    padding: 6px 16px; font-weight: 600; font-size: 13px;
}
QFrame#controlBar QPushButton:hover, QFrame#controlBar QToolButton:hover { border-color: @accent; }
QFrame#controlBar QPushButton:disabled, QFrame#controlBar QToolButton:disabled { color: @muted; background: @panel; }
QFrame#controlBar QToolButton::menu-indicator { subcontrol-position: right center; right: 6px; }
QFrame#controlBar QToolButton { padding-right: 24px; }
QFrame#controlBar QPushButton#killButton {
    background: @loss; color: #ffffff; border: 2px solid #ff9a9a; font-size: 15px; font-weight: 800;
    padding: 8px 26px; letter-spacing: 1px;
}
QFrame#controlBar QPushButton#killButton:hover { background: #ff4d4d; }
QFrame#controlBar QPushButton#killButton:disabled { background: #4a1f1f; color: #d9a0a0; border-color: @loss; }
QFrame#armedStrip { background: #2e2608; border: 1px solid @warning; border-radius: 4px; }
QFrame#armedStrip[danger="true"] { background: #3b1416; border: 1px solid @loss; }
QLabel#armedText { color: @text; font-weight: 700; }
QFrame#controlBar QPushButton#fireButton { background: @loss; color: #ffffff; border: 1px solid #ff9a9a; }
QFrame#controlBar QPushButton#fireButton:disabled { background: @panel; color: @muted; border: 1px solid @border; }
QWidget#reconciliationPanel QPushButton, QWidget#checklistPanel QPushButton, QWidget#strategyEnabler QPushButton,
QWidget#incidentsPanel QPushButton {
    background: @raised; color: @text; border: 1px solid @border; border-radius: 4px;
    padding: 4px 12px; font-weight: 600; font-size: 12px;
}
QWidget#reconciliationPanel QPushButton:hover, QWidget#checklistPanel QPushButton:hover,
QWidget#strategyEnabler QPushButton:hover, QWidget#incidentsPanel QPushButton:hover { border-color: @accent; }
QWidget#reconciliationPanel QPushButton:disabled, QWidget#checklistPanel QPushButton:disabled,
QWidget#strategyEnabler QPushButton:disabled, QWidget#incidentsPanel QPushButton:disabled {
    color: @muted; background: @panel;
}
QWidget#incidentsPanel QTabWidget::pane { background: @panel; border: 1px solid @border; }
QWidget#incidentsPanel QTabWidget > QWidget, QWidget#incidentAnalysis, QWidget#incidentTimelinePage,
QScrollArea#incidentAnalysisScroll, QScrollArea#incidentAnalysisScroll > QWidget > QWidget {
    background: @panel;
}
QWidget#incidentsPanel QLabel { color: @text; }
QWidget#incidentsPanel QPlainTextEdit {
    background: @window; color: @text; border: 1px solid @border; border-radius: 3px;
    selection-background-color: #1f3a5f;
}
QWidget#incidentsPanel QPlainTextEdit:focus { border-color: @accent; }
QWidget#incidentsPanel QPlainTextEdit:disabled { color: @muted; background: @panel; }
QPushButton#segment {
    background: @panel; color: @muted; border: 1px solid @border; border-radius: 3px;
    padding: 3px 12px; font-size: 11px; font-weight: 600;
}
QPushButton#segment:hover { border-color: @accent; }
QPushButton#segment:checked { background: @raised; color: @text; border-color: @accent; }
QLineEdit {
    background: @window; color: @text; border: 1px solid @border; border-radius: 3px; padding: 5px 8px;
}
QLineEdit:focus { border-color: @accent; }
QMenu { background: @raised; color: @text; border: 1px solid @border; }
QMenu::item { padding: 5px 24px; }
QMenu::item:selected { background: #1f3a5f; }
QMenu::section { color: @muted; padding: 4px 12px; font-size: 11px; }

QTableView {
    background: @panel; alternate-background-color: @raised; border: none;
    gridline-color: @border; selection-background-color: #1f3a5f; selection-color: @text;
}
QTableView::item { padding: 0px 6px; }
QHeaderView { background: @panel; border: none; }
QHeaderView::section {
    background: @panel; color: @muted; border: none; border-bottom: 1px solid @border;
    padding: 4px 6px;
}
QTableCornerButton::section { background: @panel; border: none; }
QScrollBar:vertical { background: @panel; width: 10px; margin: 0; }
QScrollBar::handle:vertical { background: @border; border-radius: 4px; min-height: 24px; }
QScrollBar:horizontal { background: @panel; height: 10px; margin: 0; }
QScrollBar::handle:horizontal { background: @border; border-radius: 4px; min-width: 24px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }
QSplitter::handle { background: @window; }
QMainWindow::separator { background: @window; width: 8px; height: 8px; }
QDockWidget { color: @muted; font-size: 11px; font-weight: 600; }
QDockWidget::title { background: @panel; padding: 6px 10px; border: 1px solid @border; border-bottom: none; }
QDockWidget > QFrame#panel { border-top-left-radius: 0; border-top-right-radius: 0; }
QTabBar::tab {
    background: @panel; color: @muted; border: 1px solid @border; border-top: none;
    padding: 4px 14px; font-size: 11px; font-weight: 600;
}
QTabBar::tab:selected { background: @raised; color: @text; }
QMenuBar { background: @panel; color: @text; border-bottom: 1px solid @border; }
QMenuBar::item:selected { background: #1f3a5f; }
QStatusBar { background: @panel; color: @muted; border-top: 1px solid @border; font-size: 12px; }
QStatusBar QLabel { color: @muted; padding: 0 8px; }

QDialog { background: @window; }
QDialog QPushButton {
    background: @raised; color: @text; border: 1px solid @border; border-radius: 4px;
    padding: 5px 14px; min-width: 64px;
}
QDialog QPushButton:hover, QDialog QPushButton:default { border-color: @accent; }
QDialog QPushButton:disabled { color: @muted; background: @panel; }
QDialog QAbstractItemView, QDialog QTextEdit, QDialog QPlainTextEdit {
    background: @panel; color: @text; border: 1px solid @border; selection-background-color: #1f3a5f;
}
QDialog QComboBox {
    background: @raised; color: @text; border: 1px solid @border; border-radius: 3px; padding: 4px 8px;
}
QDialog QProgressBar {
    background: @panel; color: @text; border: 1px solid @border; border-radius: 3px; text-align: center;
}
QDialog QProgressBar::chunk { background: @accent; }
)");
    sheet.replace(QStringLiteral("@window"), hex(palette::window()));
    sheet.replace(QStringLiteral("@accent"), hex(palette::accent()));
    sheet.replace(QStringLiteral("@panel"), hex(palette::panel()));
    sheet.replace(QStringLiteral("@raised"), hex(palette::panelRaised()));
    sheet.replace(QStringLiteral("@border"), hex(palette::border()));
    sheet.replace(QStringLiteral("@text"), hex(palette::text()));
    sheet.replace(QStringLiteral("@muted"), hex(palette::mutedText()));
    sheet.replace(QStringLiteral("@profit"), hex(palette::profit()));
    sheet.replace(QStringLiteral("@loss"), hex(palette::loss()));
    sheet.replace(QStringLiteral("@warning"), hex(palette::warning()));
    sheet.replace(QStringLiteral("@neutral"), hex(palette::neutral()));
    return sheet;
}

} // namespace vigil::theme
