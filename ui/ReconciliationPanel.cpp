#include "ReconciliationPanel.h"

#include "PanelParts.h"
#include "ReconciliationModel.h"
#include "Tables.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

ReconciliationPanel::ReconciliationPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reconciliationPanel"));
    m_differences = new DifferencesModel(this);
    m_runs = new ReconciliationRunsModel(this);
    m_differencesProxy = makeSortProxy(m_differences, DifferencesModel::SortRole, this);
    m_differencesView = makeTable(m_differencesProxy, this);
    m_differencesView->setObjectName(QStringLiteral("differencesView"));
    m_differencesView->setFocusPolicy(Qt::ClickFocus); // a row is chosen to be resolved
    m_differencesView->horizontalHeader()->setSectionResizeMode(DifferencesModel::KeyColumn,
                                                                QHeaderView::ResizeToContents);
    m_differencesView->horizontalHeader()->setSectionResizeMode(DifferencesModel::ResolutionColumn,
                                                                QHeaderView::Stretch);
    m_differencesView->sortByColumn(DifferencesModel::KeyColumn, Qt::AscendingOrder);
    m_differencesView->setMinimumHeight(4 * 25 + 28); // a few rows always in view
    auto *runsProxy = makeSortProxy(m_runs, ReconciliationRunsModel::SortRole, this);
    m_runsView = makeTable(runsProxy, this);
    m_runsView->setObjectName(QStringLiteral("reconciliationRunsView"));
    m_runsView->horizontalHeader()->setSectionResizeMode(ReconciliationRunsModel::NumberColumn,
                                                         QHeaderView::ResizeToContents);
    m_runsView->horizontalHeader()->setSectionResizeMode(ReconciliationRunsModel::SummaryColumn, QHeaderView::Stretch);
    m_runsView->sortByColumn(ReconciliationRunsModel::NumberColumn, Qt::DescendingOrder); // the newest first

    m_headline = new QLabel(tr("No reconciliation has run in this session yet."), this);
    m_headline->setObjectName(QStringLiteral("reconciliationHeadline"));
    m_headline->setWordWrap(true);
    m_blocked = new QLabel(this);
    m_blocked->setObjectName(QStringLiteral("reconciliationBlocked"));
    m_blocked->setWordWrap(true);
    m_blocked->hide();
    // The selected difference whole (its resolution's note is longer than any column).
    m_selectedText = new QLabel(this);
    m_selectedText->setObjectName(QStringLiteral("reconciliationSelected"));
    m_selectedText->setWordWrap(true);
    m_selectedText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_selectedText->hide();

    auto makeButton = [this](const QString &name, const QString &text, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name + QStringLiteral("Button"));
        b->setToolTip(tip);
        b->setEnabled(false);
        b->setFocusPolicy(Qt::ClickFocus);
        m_buttons.insert(name, b);
        return b;
    };
    QPushButton *run = makeButton(QStringLiteral("reconcile"), tr("Reconcile now"),
                                  tr("Compare the books with the broker's statement now (journaled and audited)"));
    connect(run, &QPushButton::clicked, this, [this] {
        if (m_actions.runNow)
            m_actions.runNow();
    });
    const std::pair<QString, std::pair<QString, QString>> resolutions[] = {
        {QStringLiteral("adopt"),
         {tr("Adopt broker's view"),
          tr("Book the broker's position (or mark the order cancelled) in the console's books; nothing is sent")}},
        {QStringLiteral("flatten"), {tr("Flatten"), tr("Adopt the broker's view, then close the symbol at market")}},
        {QStringLiteral("cancel"),
         {tr("Cancel at broker"), tr("Cancel the order the console does not know at the broker")}},
        {QStringLiteral("accept"),
         {tr("Accept with note…"), tr("Leave the difference as it is, with a note; the symbol trades again")}},
    };
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(6);
    for (const auto &[name, labels] : resolutions) {
        QPushButton *b = makeButton(name, labels.first, labels.second);
        connect(b, &QPushButton::clicked, this, [this, how = name] { resolve(how); });
        buttons->addWidget(b);
    }
    QPushButton *unblock = makeButton(QStringLiteral("unblock"), tr("Unblock entries…"),
                                      tr("Let new entries through in this symbol although its books differ (audited)"));
    connect(unblock, &QPushButton::clicked, this, [this] {
        const ReconciliationDifferenceRow *row = selected();
        if (!row || !m_actions.arm)
            return;
        m_actions.arm(cmd::Unblock{{}, row->symbol});
    });
    buttons->addStretch(1);

    // The unblock beside "Reconcile now" rather than after the four resolutions: one row of
    // five buttons was wider than the dock on a 1366-pixel screen.
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_headline, 1);
    top->addWidget(unblock, 0, Qt::AlignTop);
    top->addWidget(run, 0, Qt::AlignTop);

    // The differences over the runs; the operator moves the line between them.
    auto *current = new QWidget(this);
    auto *currentLayout = new QVBoxLayout(current);
    currentLayout->setContentsMargins(0, 0, 0, 0);
    currentLayout->setSpacing(6);
    currentLayout->addLayout(top);
    currentLayout->addWidget(m_blocked);
    currentLayout->addWidget(m_differencesView, 1);
    currentLayout->addWidget(m_selectedText);
    currentLayout->addLayout(buttons);
    auto *history = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(history);
    historyLayout->setContentsMargins(0, 4, 0, 0);
    historyLayout->setSpacing(4);
    historyLayout->addWidget(panel::sectionTitle(tr("Runs this session"), history));
    historyLayout->addWidget(m_runsView, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(current);
    split->addWidget(history);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(split);

    connect(m_differencesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReconciliationPanel::updateButtons);
    connect(m_differencesProxy, &QAbstractItemModel::dataChanged, this, &ReconciliationPanel::updateButtons);
    connect(m_differencesProxy, &QAbstractItemModel::rowsRemoved, this, &ReconciliationPanel::updateButtons);
    m_title = tr("RECONCILIATION");
}

void ReconciliationPanel::setActions(Actions actions)
{
    m_actions = std::move(actions);
    updateButtons();
}

const ReconciliationDifferenceRow *ReconciliationPanel::selected() const
{
    const QModelIndexList rows = m_differencesView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    const QModelIndex source = m_differencesProxy->mapToSource(rows.first());
    if (!source.isValid() || source.row() >= m_differences->rowCount())
        return nullptr;
    return &m_differences->row(source.row());
}

void ReconciliationPanel::updateButtons()
{
    const bool can = static_cast<bool>(m_actions.arm) && m_trading;
    m_buttons.value(QStringLiteral("reconcile"))->setEnabled(static_cast<bool>(m_actions.runNow) && m_trading);
    const ReconciliationDifferenceRow *row = selected();
    for (const QString &name :
         {QStringLiteral("adopt"), QStringLiteral("flatten"), QStringLiteral("cancel"), QStringLiteral("accept")}) {
        const bool offered =
            row && std::any_of(row->choices.begin(), row->choices.end(), [&name](Resolution c) {
                return name == QLatin1String(toString(c).data(), static_cast<qsizetype>(toString(c).size()));
            });
        m_buttons.value(name)->setEnabled(can && offered);
    }
    const bool blocked =
        row && std::find(m_blockedSymbols.begin(), m_blockedSymbols.end(), row->symbol) != m_blockedSymbols.end();
    m_buttons.value(QStringLiteral("unblock"))->setEnabled(can && blocked);
    QString whole;
    if (row) {
        whole = QString::fromStdString(row->description.empty() ? row->key : row->description);
        if (!row->resolution.empty())
            whole += tr(" · %1").arg(QString::fromStdString(row->resolution));
    }
    theme::setText(m_selectedText, whole);
    m_selectedText->setVisible(!whole.isEmpty());
}

void ReconciliationPanel::resolve(const QString &how)
{
    const ReconciliationDifferenceRow *row = selected();
    const std::optional<Resolution> resolution = resolutionFromText(how.toStdString());
    if (!row || !m_actions.arm || !resolution)
        return;
    m_actions.arm(cmd::Resolve{{}, row->key, *resolution});
}

QString ReconciliationPanel::headline() const { return m_headline->text(); }

void ReconciliationPanel::applySnapshot(const Snapshot &snapshot)
{
    const bool trading = snapshot.phase == SessionPhase::Open || snapshot.phase == SessionPhase::NotStarted;
    // The engine shares one view between snapshots until the reconciliation changes.
    if (snapshot.reconciliation == m_shown && trading == m_trading)
        return;
    m_shown = snapshot.reconciliation;
    const ReconciliationView &v = *snapshot.reconciliation;
    m_trading = trading;
    m_differences->applySnapshot(v.differences);
    m_runs->applySnapshot(v.runs);
    m_blockedSymbols = v.blockedSymbols;
    const int open = v.unresolved();
    if (!v.ran()) {
        theme::setText(m_headline, tr("No reconciliation has run in this session yet."));
        theme::setTone(m_headline, theme::Tone::Muted);
        m_title = tr("RECONCILIATION");
    } else {
        const ReconciliationRunRow &last = v.last();
        QString result;
        theme::Tone tone = theme::Tone::Profit;
        if (!last.complete) {
            result = tr("INCOMPLETE: %1").arg(QString::fromStdString(last.summary));
            tone = theme::Tone::Warning;
        } else if (last.differences > 0) {
            result = (last.differences == 1 ? tr("1 difference") : tr("%1 differences").arg(last.differences))
                     + tr(", %1 unresolved").arg(open);
            tone = open > 0 ? theme::Tone::Loss : theme::Tone::Warning;
        } else {
            result = tr("books agree, %1").arg(QString::fromStdString(last.clock));
        }
        theme::setText(m_headline, tr("Last run #%1 at %2 (%3, %4): %5")
                                       .arg(last.number)
                                       .arg(QString::fromStdString(last.clock), QString::fromStdString(last.startedBy),
                                            QString::fromStdString(last.actor), result));
        theme::setTone(m_headline, tone);
        m_title = !last.complete ? tr("RECONCILIATION · incomplete")
                  : open > 0     ? tr("RECONCILIATION · %n open", nullptr, open)
                                 : tr("RECONCILIATION · books agree, %1").arg(QString::fromStdString(last.clock));
    }
    QStringList blocked;
    for (const std::string &s : v.blockedSymbols)
        blocked << QString::fromStdString(s);
    QString blockedText;
    if (!blocked.isEmpty())
        blockedText = tr("New entries blocked until resolved: %1 (exits only as far as the broker holds the position)")
                          .arg(blocked.join(QStringLiteral(", ")));
    if (!v.unblockedSymbols.empty()) {
        QStringList unblocked;
        for (const std::string &s : v.unblockedSymbols)
            unblocked << QString::fromStdString(s);
        blockedText += (blockedText.isEmpty() ? QString() : QStringLiteral(" · "))
                       + tr("unblocked by an operator: %1").arg(unblocked.join(QStringLiteral(", ")));
    }
    theme::setText(m_blocked, blockedText);
    theme::setTone(m_blocked, blocked.isEmpty() ? theme::Tone::Warning : theme::Tone::Loss);
    m_blocked->setVisible(!blockedText.isEmpty());
    updateButtons();
}

} // namespace vigil
