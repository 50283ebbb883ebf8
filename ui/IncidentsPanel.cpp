#include "IncidentsPanel.h"

#include "IncidentPdf.h"
#include "IncidentsModel.h"
#include "PanelParts.h"
#include "Tables.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

namespace vigil {

namespace {
QString text(const std::string &s) { return QString::fromStdString(s); }

std::size_t slotOf(IncidentField field)
{
    return static_cast<std::size_t>(std::find(kAnalysisFields.begin(), kAnalysisFields.end(), field)
                                    - kAnalysisFields.begin());
}

/// What an export or a timeline read needs from the journal, off the GUI thread.
struct Loaded {
    IncidentReport report;
    QString error;
};
}

IncidentsPanel::IncidentsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("incidentsPanel"));
    m_model = new IncidentsModel(this);
    auto *proxy = makeSortProxy(m_model, IncidentsModel::SortRole, this);
    m_view = makeTable(proxy, this);
    m_view->setObjectName(QStringLiteral("incidentsView"));
    m_view->setFocusPolicy(Qt::ClickFocus);
    m_view->horizontalHeader()->setSectionResizeMode(IncidentsModel::TitleColumn, QHeaderView::Stretch);
    m_view->sortByColumn(IncidentsModel::IdColumn, Qt::DescendingOrder); // the newest first
    m_view->setMinimumHeight(3 * 25 + 28);

    m_headline = new QLabel(tr("No incident in this session."), this);
    m_headline->setObjectName(QStringLiteral("incidentsHeadline"));
    m_headline->setWordWrap(true);
    m_detail = new QLabel(tr("Select an incident to fill in its analysis, read its timeline or sign it off."), this);
    m_detail->setObjectName(QStringLiteral("incidentDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto makeButton = [this](const QString &name, const QString &label, const QString &tip) {
        auto *b = new QPushButton(label, this);
        b->setObjectName(name + QStringLiteral("IncidentButton"));
        b->setToolTip(tip);
        b->setEnabled(false);
        b->setFocusPolicy(Qt::ClickFocus);
        m_buttons.insert(name, b);
        return b;
    };

    // The analysis: the runbook's fields, each saved on its own (journaled and audited).
    auto *analysis = new QWidget(this);
    analysis->setObjectName(QStringLiteral("incidentAnalysis"));
    auto *form = new QFormLayout(analysis);
    form->setContentsMargins(0, 4, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (std::size_t i = 0; i < kAnalysisFields.size(); ++i) {
        auto *editor = new QPlainTextEdit(analysis);
        editor->setObjectName(QStringLiteral("incident_") + QString::fromUtf8(toString(kAnalysisFields[i])));
        editor->setTabChangesFocus(true);
        editor->setFixedHeight(i == 0 || i == 1 ? 54 : 38); // the summary and root cause are the long ones
        editor->setEnabled(false);
        connect(editor, &QPlainTextEdit::textChanged, this, &IncidentsPanel::updateButtons);
        m_editors[i] = editor;
        form->addRow(incidentFieldText(kAnalysisFields[i]), editor);
    }
    QPushButton *save = makeButton(QStringLiteral("save"), tr("Save analysis"),
                                   tr("Record the fields changed since they were shown (journaled and audited)"));
    connect(save, &QPushButton::clicked, this, [this] { saveAnalysis(); });
    form->addRow(QString(), save);

    m_timeline = new QTableWidget(0, 4, this);
    m_timeline->setObjectName(QStringLiteral("incidentTimeline"));
    m_timeline->setHorizontalHeaderLabels({tr("Time"), tr("What"), tr("Who"), tr("Detail")});
    m_timeline->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timeline->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_timeline->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_timeline->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_timeline->verticalHeader()->hide();
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineStatus = new QLabel(this);
    m_timelineStatus->setObjectName(QStringLiteral("incidentTimelineStatus"));
    m_timelineStatus->setWordWrap(true);
    auto *timelinePage = new QWidget(this);
    timelinePage->setObjectName(QStringLiteral("incidentTimelinePage"));
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 4, 0, 0);
    timelineLayout->addWidget(m_timelineStatus);
    timelineLayout->addWidget(m_timeline, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("incidentTabs"));
    // Seven fields and their button outgrow a dock on a laptop's screen: they scroll.
    auto *analysisScroll = new QScrollArea(this);
    analysisScroll->setObjectName(QStringLiteral("incidentAnalysisScroll"));
    analysisScroll->setWidgetResizable(true);
    analysisScroll->setFrameShape(QFrame::NoFrame);
    analysisScroll->setWidget(analysis);
    m_tabs->addTab(analysisScroll, tr("Analysis"));
    m_tabs->addTab(timelinePage, tr("Timeline"));

    QPushButton *note = makeButton(QStringLiteral("note"), tr("Add note…"),
                                   tr("An annotation on the incident's timeline (journaled and audited)"));
    connect(note, &QPushButton::clicked, this, [this] {
        const IncidentRow *row = selected();
        if (!row)
            return;
        bool ok = false;
        const QString written = QInputDialog::getMultiLineText(this, tr("Note on incident #%1").arg(row->id),
                                                               tr("What happened, or what was done:"), QString(), &ok);
        if (ok)
            addNote(written);
    });
    QPushButton *signOff = makeButton(QStringLiteral("signoff"), tr("Sign off…"),
                                      tr("Close the incident under your name; after a level-3 incident trading "
                                         "resumes only once it is signed off"));
    connect(signOff, &QPushButton::clicked, this, &IncidentsPanel::armSignOff);
    auto exportAs = [this](const QString &suffix, const QString &filter) {
        const IncidentRow *row = selected();
        if (!row)
            return;
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Export incident #%1").arg(row->id),
                                         QStringLiteral("incident-%1.%2").arg(row->id).arg(suffix), filter);
        if (!file.isEmpty())
            exportTo(file);
    };
    QPushButton *pdf = makeButton(QStringLiteral("pdf"), tr("Export PDF…"),
                                  tr("The root-cause analysis record with its timeline, as read from the journal"));
    connect(pdf, &QPushButton::clicked, this, [exportAs] { exportAs(QStringLiteral("pdf"), tr("PDF (*.pdf)")); });
    QPushButton *markdown = makeButton(QStringLiteral("markdown"), tr("Export Markdown…"),
                                       tr("The root-cause analysis record as Markdown, for a ticket or a wiki"));
    connect(markdown, &QPushButton::clicked, this,
            [exportAs] { exportAs(QStringLiteral("md"), tr("Markdown (*.md)")); });
    QPushButton *refresh = makeButton(QStringLiteral("refresh"), tr("Refresh timeline"),
                                      tr("Read the incident's timeline from the journal again"));
    connect(refresh, &QPushButton::clicked, this, &IncidentsPanel::reloadTimeline);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(6);
    for (QPushButton *b : {note, signOff, pdf, markdown, refresh})
        buttons->addWidget(b);
    buttons->addStretch(1);

    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(6);
    listLayout->addWidget(m_headline);
    listLayout->addWidget(m_view, 1);
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 4, 0, 0);
    detailsLayout->setSpacing(4);
    detailsLayout->addWidget(m_detail);
    detailsLayout->addLayout(buttons);
    detailsLayout->addWidget(m_tabs, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(list);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(split);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &IncidentsPanel::showSelected);
}

void IncidentsPanel::setActions(Actions actions)
{
    m_actions = std::move(actions);
    updateButtons();
}

QPlainTextEdit *IncidentsPanel::editor(IncidentField field) const
{
    const std::size_t slot = slotOf(field);
    return slot < m_editors.size() ? m_editors[slot] : nullptr;
}

QPushButton *IncidentsPanel::button(const QString &name) const { return m_buttons.value(name); }

const IncidentRow *IncidentsPanel::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_model->find(rows.first().data(IncidentsModel::IdRole).toULongLong());
}

bool IncidentsPanel::select(std::uint64_t id)
{
    QAbstractItemModel *proxy = m_view->model();
    for (int r = 0; r < proxy->rowCount(); ++r)
        if (proxy->index(r, 0).data(IncidentsModel::IdRole).toULongLong() == id) {
            m_view->selectRow(r);
            return true;
        }
    return false;
}

void IncidentsPanel::applySnapshot(const Snapshot &snapshot)
{
    if (snapshot.incidents == m_shown)
        return; // shared until an incident changes
    m_shown = snapshot.incidents;
    m_model->setSessionDate(snapshot.sessionDate);
    m_model->applySnapshot(*m_shown);
    const int open = m_model->openCount(), holding = m_model->holdingResume();
    m_title = open == 0 ? tr("INCIDENTS") : tr("INCIDENTS · %1 open").arg(open);
    if (m_shown->empty())
        m_headline->setText(tr("No incident in this session."));
    else if (holding > 0)
        m_headline->setText(tr("%1 open, %2 of level 3: trading resumes only once each level-3 incident is signed "
                               "off (or over an audited override).")
                                .arg(open)
                                .arg(holding));
    else
        m_headline->setText(open == 0 ? tr("Every incident of this session is signed off.")
                                      : tr("%1 open; none holds trading.").arg(open));
    // The details follow the engine: a field the operator is editing keeps what they typed.
    if (const IncidentRow *row = selected(); row && row->id == m_shownId && !(*row == m_shownRow))
        showSelected();
}

void IncidentsPanel::showSelected()
{
    const IncidentRow *row = selected();
    const bool same = row && row->id == m_shownId;
    if (!row) {
        m_shownId = 0;
        m_detail->setText(tr("Select an incident to fill in its analysis, read its timeline or sign it off."));
        for (std::size_t i = 0; i < m_editors.size(); ++i) {
            m_editors[i]->setPlainText(QString());
            m_shownText[i].clear();
        }
        m_timeline->setRowCount(0);
        m_timelineStatus->clear();
        updateButtons();
        return;
    }
    QString state = row->open() ? (row->holdsResume() ? tr("OPEN: holds a resume until signed off") : tr("OPEN"))
                                : tr("signed off by %1 at %2: %3")
                                      .arg(text(row->signedOffBy), text(row->signedOffClock), text(row->signOffNote));
    m_detail->setText(
        tr("#%1 · level %2 · %3 · opened %4 by %5 · %6\n%7")
            .arg(row->id)
            .arg(alertLevel(row->severity))
            .arg(incidentCauseText(row->cause), text(row->openedClock), text(row->openedBy), state, text(row->title)));
    for (std::size_t i = 0; i < m_editors.size(); ++i) {
        const QString engine = text(row->analysis[i]);
        // A field left as it was shown takes the engine's text; one being edited keeps the edit.
        if (!same || m_editors[i]->toPlainText() == m_shownText[i])
            m_editors[i]->setPlainText(engine);
        m_shownText[i] = engine;
    }
    const bool timelineStale = !same || row->notes.size() != m_shownRow.notes.size()
                               || row->events.size() != m_shownRow.events.size() || row->open() != m_shownRow.open();
    m_shownId = row->id;
    m_shownRow = *row;
    updateButtons();
    if (timelineStale)
        reloadTimeline();
}

void IncidentsPanel::updateButtons()
{
    const IncidentRow *row = selected();
    const bool open = row && row->open();
    const bool canSend = static_cast<bool>(m_actions.send);
    for (QPlainTextEdit *editor : m_editors)
        editor->setEnabled(open && canSend);
    bool edited = false;
    for (std::size_t i = 0; i < m_editors.size(); ++i)
        edited = edited || m_editors[i]->toPlainText() != m_shownText[i];
    m_buttons.value(QStringLiteral("save"))->setEnabled(open && canSend && edited);
    m_buttons.value(QStringLiteral("note"))->setEnabled(open && canSend);
    m_buttons.value(QStringLiteral("signoff"))->setEnabled(open && static_cast<bool>(m_actions.arm));
    const bool journal = row && !m_actions.journal.isEmpty();
    for (const char *name : {"pdf", "markdown", "refresh"})
        m_buttons.value(QString::fromLatin1(name))->setEnabled(journal);
}

void IncidentsPanel::send(Command command)
{
    if (!m_actions.send)
        return;
    originOf(command).actor = m_actions.actor.toStdString();
    // The answer comes on the engine thread: back to this one, if the panel still exists.
    QPointer<IncidentsPanel> self(this);
    m_actions.send(std::move(command), [self](const CommandResult &r) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok = r.ok, message = QString::fromStdString(r.message)] {
                if (self)
                    Q_EMIT self->answered(ok, message);
            },
            Qt::QueuedConnection);
    });
}

int IncidentsPanel::saveAnalysis()
{
    const IncidentRow *row = selected();
    if (!row || !row->open())
        return 0;
    int sent = 0;
    for (std::size_t i = 0; i < m_editors.size(); ++i) {
        const QString now = m_editors[i]->toPlainText();
        if (now == m_shownText[i])
            continue;
        cmd::UpdateIncident update;
        update.incident = row->id;
        update.field = kAnalysisFields[i];
        update.reason = now.toStdString();
        send(std::move(update));
        ++sent;
    }
    return sent;
}

void IncidentsPanel::addNote(const QString &written)
{
    const IncidentRow *row = selected();
    if (!row || written.trimmed().isEmpty())
        return;
    cmd::UpdateIncident note;
    note.incident = row->id;
    note.field = IncidentField::Note;
    note.reason = written.trimmed().toStdString();
    send(std::move(note));
}

void IncidentsPanel::armSignOff()
{
    const IncidentRow *row = selected();
    if (!row || !m_actions.arm)
        return;
    cmd::SignOffIncident signOff;
    signOff.incident = row->id;
    m_actions.arm(std::move(signOff));
}

void IncidentsPanel::reloadTimeline()
{
    const IncidentRow *row = selected();
    if (!row || m_actions.journal.isEmpty())
        return;
    const std::uint64_t request = ++m_timelineRequest;
    m_timelineStatus->setText(tr("Reading the journal…"));
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, request] {
        const Loaded loaded = watcher->future().result();
        watcher->deleteLater();
        if (request != m_timelineRequest)
            return; // another incident, or a newer read, took its place
        if (!loaded.error.isEmpty()) {
            m_timelineStatus->setText(tr("The timeline cannot be read: %1").arg(loaded.error));
            Q_EMIT timelineLoaded(loaded.error);
            return;
        }
        showTimeline(loaded.report);
        Q_EMIT timelineLoaded(QString());
    });
    watcher->setFuture(QtConcurrent::run([journal = m_actions.journal, id = row->id] {
        Loaded loaded;
        loaded.error = loadIncidentReport(journal, id, loaded.report);
        return loaded;
    }));
}

void IncidentsPanel::showTimeline(const IncidentReport &report)
{
    const IncidentImpact &impact = report.impact;
    QString figures =
        tr("%1 entries from the journal · stopped %2, reduce-only %3 · %4 orders, %5 fills, fees %6")
            .arg(report.timeline.size())
            .arg(text(formatIncidentDuration(impact.stoppedNs)), text(formatIncidentDuration(impact.reduceOnlyNs)))
            .arg(impact.orders)
            .arg(impact.fills)
            .arg(text(impact.fees.toString(2)));
    if (impact.hasEquityBefore && impact.hasEquityAfter)
        figures += tr(" · equity %1 → %2 (%3)")
                       .arg(text(impact.equityBefore.toString(2)), text(impact.equityAfter.toString(2)),
                            text(impact.change.toString(2)));
    m_timelineStatus->setText(figures);
    m_timeline->setRowCount(static_cast<int>(report.timeline.size()));
    int r = 0;
    for (const TimelineEntry &e : report.timeline) {
        const QString kind = e.level > 0
                                 ? QStringLiteral("%1 L%2").arg(QString::fromUtf8(toString(e.kind))).arg(e.level)
                                 : QString::fromUtf8(toString(e.kind));
        const QString cells[] = {text(incidentClock(report.incident, e.at)), kind, text(e.actor), text(e.text)};
        for (int c = 0; c < 4; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (e.kind == TimelineKind::Note)
                item->setFont([f = item->font()]() mutable {
                    f.setBold(true);
                    return f;
                }());
            if (c == 3)
                item->setToolTip(cells[c]);
            m_timeline->setItem(r, c, item);
        }
        ++r;
    }
}

void IncidentsPanel::exportTo(const QString &file)
{
    const IncidentRow *row = selected();
    if (!row || m_actions.journal.isEmpty())
        return;
    const bool pdf = file.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive);
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, file] {
        const QString error = watcher->future().result();
        watcher->deleteLater();
        Q_EMIT exported(file, error);
    });
    watcher->setFuture(QtConcurrent::run([journal = m_actions.journal, id = row->id, file, pdf]() -> QString {
        IncidentReport report;
        if (QString error = loadIncidentReport(journal, id, report); !error.isEmpty())
            return error;
        if (pdf) {
            IncidentPdfOptions options;
            options.appVersion = QStringLiteral(VIGIL_VERSION);
            options.generatedAt = QDateTime::currentDateTimeUtc();
            return writeIncidentPdf(report, file, options).error;
        }
        QSaveFile out(file);
        const std::string markdown = incidentMarkdown(report);
        if (!out.open(QIODevice::WriteOnly)
            || out.write(markdown.data(), static_cast<qint64>(markdown.size())) != static_cast<qint64>(markdown.size())
            || !out.commit())
            return QObject::tr("cannot write %1: %2").arg(file, out.errorString());
        return {};
    }));
}

} // namespace vigil
