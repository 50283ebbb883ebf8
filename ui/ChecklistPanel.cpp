#include "ChecklistPanel.h"

#include "ChecklistModel.h"
#include "Tables.h"
#include "Theme.h"

#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace vigil {

ChecklistPanel::ChecklistPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("checklistPanel"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("checklistTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildSection(ChecklistKind::PreMarket), tr("Pre-market"));
    m_tabs->addTab(buildSection(ChecklistKind::EndOfDay), tr("End of day"));

    m_flattenLabel = new QLabel(tr("Intraday positions left open:"), this);
    m_flattenRow = new QHBoxLayout;
    m_flattenRow->setContentsMargins(0, 0, 0, 0);
    m_flattenRow->setSpacing(6);
    m_flattenRow->addWidget(m_flattenLabel);
    m_flattenRow->addStretch(1);
    m_flattenLabel->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(m_flattenRow);
    updateTitle();
}

QWidget *ChecklistPanel::buildSection(ChecklistKind kind)
{
    const bool pre = kind == ChecklistKind::PreMarket;
    auto *page = new QWidget(this);
    Section &s = section(kind);
    s.model = new ChecklistModel(this);
    s.view = makeTable(s.model, page);
    s.view->setObjectName(pre ? QStringLiteral("preMarketView") : QStringLiteral("endOfDayView"));
    s.view->setSortingEnabled(false); // the checklist's own order
    // The texts share the width and wrap, each row as tall as its longest: a dozen rows,
    // every word of them in view whatever the dock's width.
    s.view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    s.view->horizontalHeader()->setSectionResizeMode(ChecklistModel::StatusColumn, QHeaderView::ResizeToContents);
    s.view->setWordWrap(true);
    s.view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(
        s.view->horizontalHeader(), &QHeaderView::sectionResized, s.view,
        [view = s.view] { view->resizeRowsToContents(); }, Qt::QueuedConnection); // narrower: taller rows
    s.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    s.advice = new QLabel(page);
    s.advice->setObjectName(pre ? QStringLiteral("preMarketAdvice") : QStringLiteral("endOfDayAdvice"));
    s.advice->setWordWrap(true);
    s.advice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    s.advice->hide();
    s.headline = new QLabel(pre ? tr("The pre-market checklist has not run in this session yet.")
                                : tr("The end-of-day checklist runs after the close."),
                            page);
    s.headline->setObjectName(pre ? QStringLiteral("preMarketHeadline") : QStringLiteral("endOfDayHeadline"));
    s.headline->setWordWrap(true);
    theme::setTone(s.headline, theme::Tone::Muted);
    s.run = new QPushButton(pre ? tr("Run pre-market checks") : tr("Run end-of-day checks"), page);
    s.run->setObjectName(pre ? QStringLiteral("runPreMarketButton") : QStringLiteral("runEndOfDayButton"));
    s.run->setToolTip(tr("Run every item now; the run is journaled and audited"));
    s.run->setFocusPolicy(Qt::ClickFocus);
    s.run->setEnabled(false);
    connect(s.run, &QPushButton::clicked, this, [this, kind] {
        if (m_actions.run) {
            section(kind).run->setEnabled(false); // until its result is back
            theme::setText(section(kind).headline, tr("Running…"));
            m_actions.run(kind);
        }
    });
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(s.headline, 1);
    top->addWidget(s.run, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addWidget(s.view, 1);
    layout->addWidget(s.advice);
    return page;
}

void ChecklistPanel::setActions(Actions actions)
{
    m_actions = std::move(actions);
    for (Section *s : {&m_preMarket, &m_endOfDay})
        s->run->setEnabled(static_cast<bool>(m_actions.run));
    for (QPushButton *b : std::as_const(m_flattenButtons))
        b->setEnabled(static_cast<bool>(m_actions.arm));
}

void ChecklistPanel::showResult(const ChecklistResult &result)
{
    Section &s = section(result.kind);
    s.model->setResult(result);
    s.shown = true;
    s.run->setEnabled(static_cast<bool>(m_actions.run));
    const bool pre = result.kind == ChecklistKind::PreMarket;
    const int fail = result.count(CheckStatus::Fail), warn = result.count(CheckStatus::Warn);
    QString when = QString::fromStdString(result.sessionDate);
    const QDate day = QDate::fromString(when, Qt::ISODate);
    if (day.isValid() && result.at > 0)
        when += QLatin1Char(' ')
                + QString::fromStdString(sessionFor(Date{day.year(), day.month(), day.day()}).clockText(result.at));
    theme::setText(s.headline,
                   tr("%1 %2 (%3): %4 pass, %5 warn, %6 fail")
                       .arg(pre ? tr("PRE-MARKET") : tr("END OF DAY"), when, QString::fromStdString(result.startedBy))
                       .arg(result.count(CheckStatus::Pass))
                       .arg(warn)
                       .arg(fail));
    theme::setTone(s.headline, fail > 0 ? theme::Tone::Loss : warn > 0 ? theme::Tone::Warning : theme::Tone::Profit);
    QStringList steps;
    for (const CheckItem &i : result.items)
        if (i.status != CheckStatus::Pass && !i.detail.empty())
            steps << tr("%1 %2: %3")
                         .arg(ChecklistModel::statusText(i.status), QString::fromStdString(i.title),
                              QString::fromStdString(i.detail));
    theme::setText(s.advice, steps.join(QLatin1Char('\n')));
    theme::setTone(s.advice, fail > 0 ? theme::Tone::Loss : theme::Tone::Warning);
    s.advice->setVisible(!steps.isEmpty());
    if (!pre)
        offerFlatten(result);
    m_tabs->setCurrentIndex(pre ? 0 : 1); // the newest run in view
    updateTitle();
}

void ChecklistPanel::offerFlatten(const ChecklistResult &result)
{
    for (QPushButton *b : std::as_const(m_flattenButtons))
        delete b;
    m_flattenButtons.clear();
    // The open intraday positions, from the measured text "N open: strategy SYMBOL qty, ...".
    std::set<std::string> strategies;
    for (const CheckItem &i : result.items) {
        if (i.id != "intraday_flat" || i.status != CheckStatus::Fail)
            continue;
        const std::size_t colon = i.measured.find(": ");
        std::string rest = colon == std::string::npos ? std::string() : i.measured.substr(colon + 2);
        while (!rest.empty()) {
            const std::size_t comma = rest.find(", ");
            const std::string entry = rest.substr(0, comma);
            strategies.insert(entry.substr(0, entry.find(' ')));
            rest = comma == std::string::npos ? std::string() : rest.substr(comma + 2);
        }
    }
    for (const std::string &strategy : strategies) {
        auto *b = new QPushButton(tr("Flatten %1…").arg(QString::fromStdString(strategy)), this);
        b->setObjectName(QStringLiteral("flatten-") + QString::fromStdString(strategy));
        b->setToolTip(
            tr("Arm a flatten of this strategy in the control bar: its orders cancelled, its positions closed"));
        b->setEnabled(static_cast<bool>(m_actions.arm));
        connect(b, &QPushButton::clicked, this, [this, strategy] {
            if (m_actions.arm)
                m_actions.arm(cmd::Flatten{{}, {FlattenScope::Kind::Strategy, strategy}});
        });
        m_flattenRow->insertWidget(m_flattenRow->count() - 1, b);
        b->show();
        m_flattenButtons << b;
    }
    m_flattenLabel->setVisible(!m_flattenButtons.isEmpty());
}

void ChecklistPanel::updateTitle()
{
    // The title names the checklist that fails: an evening that passes does not hide a
    // morning that did not.
    QStringList failing;
    int warn = 0;
    for (const auto &[s, name] : {std::pair{&m_preMarket, tr("PRE-MARKET")}, {&m_endOfDay, tr("END OF DAY")}}) {
        if (!s->shown)
            continue;
        if (const int fail = s->model->result().count(CheckStatus::Fail); fail > 0)
            failing << tr("%1 %2 FAIL").arg(name).arg(fail);
        warn += s->model->result().count(CheckStatus::Warn);
    }
    const QString title = !failing.isEmpty() ? tr("CHECKLISTS · %1").arg(failing.join(QStringLiteral(", ")))
                          : warn > 0         ? tr("CHECKLISTS · %1 warn").arg(warn)
                                             : tr("CHECKLISTS");
    m_urgent = !failing.isEmpty();
    if (title != m_title) {
        m_title = title;
        Q_EMIT titleChanged();
    }
}

QString ChecklistPanel::headline(ChecklistKind kind) const { return section(kind).headline->text(); }
QString ChecklistPanel::advice(ChecklistKind kind) const { return section(kind).advice->text(); }
ChecklistModel *ChecklistPanel::model(ChecklistKind kind) const { return section(kind).model; }
QPushButton *ChecklistPanel::runButton(ChecklistKind kind) const { return section(kind).run; }
QList<QPushButton *> ChecklistPanel::flattenButtons() const { return m_flattenButtons; }

} // namespace vigil
