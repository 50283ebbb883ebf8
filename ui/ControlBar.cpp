#include "ControlBar.h"

#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil {

namespace {

QPushButton *controlButton(const QString &text, const char *name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    button->setCursor(Qt::PointingHandCursor);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

} // namespace

ControlBar::ControlBar(CommandSink sink, QString actor, QWidget *parent)
    : QFrame(parent)
    , m_sink(std::move(sink))
    , m_actor(std::move(actor))
{
    setObjectName(QStringLiteral("controlBar"));
    setFocusPolicy(Qt::ClickFocus); // where the focus goes when the strip closes: no control holds it
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(12, 8, 12, 8);
    column->setSpacing(8);

    auto *row = new QHBoxLayout;
    row->setSpacing(10);
    auto *title = new QLabel(tr("CONTROLS"), this);
    title->setObjectName(QStringLiteral("fieldTitle"));
    row->addWidget(title);
    m_pause = controlButton(tr("Pause"), "pauseButton", this);
    m_halt = controlButton(tr("Halt"), "haltButton", this);
    m_flatten = new QToolButton(this);
    m_flatten->setObjectName(QStringLiteral("flattenButton"));
    m_flatten->setText(tr("Flatten"));
    m_flatten->setPopupMode(QToolButton::InstantPopup);
    m_flatten->setCursor(Qt::PointingHandCursor);
    m_flattenMenu = new QMenu(m_flatten);
    m_flatten->setMenu(m_flattenMenu);
    connect(m_flattenMenu, &QMenu::aboutToShow, this, &ControlBar::fillFlattenMenu);
    m_maintenance = controlButton(tr("Maintenance"), "maintenanceButton", this);
    m_kill = controlButton(tr("\u2716  KILL SWITCH   Ctrl+Shift+K"), "killButton", this);
    m_kill->setToolTip(tr("Halt, cancel every working order, flatten everything and stop the strategies; latched "
                          "until an operator resumes with an acknowledgement (Ctrl+Shift+K)"));
    row->addWidget(m_pause);
    row->addWidget(m_halt);
    row->addWidget(m_flatten);
    row->addWidget(m_maintenance);
    row->addStretch(1);
    m_answer = new QLabel(this);
    m_answer->setObjectName(QStringLiteral("controlAnswer"));
    // The engine's answer, whole: wrapped in the room there is (two lines fit beside the
    // buttons), never cut, never widening the window.
    m_answer->setWordWrap(true);
    m_answer->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_answer->installEventFilter(this); // its height follows its width (fitAnswer)
    row->addWidget(m_answer, 2);
    row->addWidget(m_kill);
    column->addLayout(row);

    // The armed strip: what will happen, why, and the one button that does it.
    m_strip = new QFrame(this);
    m_strip->setObjectName(QStringLiteral("armedStrip"));
    auto *strip = new QHBoxLayout(m_strip);
    strip->setContentsMargins(10, 6, 10, 6);
    strip->setSpacing(10);
    m_armedText = new QLabel(m_strip);
    m_armedText->setObjectName(QStringLiteral("armedText"));

    m_reason = new QLineEdit(m_strip);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("Reason (recorded in the audit trail)"));
    m_reason->setMinimumWidth(220);
    m_ack = new QLineEdit(m_strip);
    m_ack->setObjectName(QStringLiteral("acknowledgementEdit"));
    m_ack->setPlaceholderText(tr("What you checked before trading again"));
    m_ack->setMinimumWidth(220);
    m_fire = controlButton(QString(), "fireButton", m_strip);
    m_fire->setMinimumWidth(180);
    m_cancel = controlButton(tr("Cancel"), "cancelButton", m_strip);
    strip->addWidget(m_armedText);
    strip->addWidget(m_reason, 1);
    strip->addWidget(m_ack, 1);
    strip->addWidget(m_fire);
    strip->addWidget(m_cancel);
    column->addWidget(m_strip);
    // Its room is kept while it is hidden: arming never changes the bar's height, so the
    // window never grows and nothing under the mouse moves.
    QSizePolicy stripPolicy = m_strip->sizePolicy();
    stripPolicy.setRetainSizeWhenHidden(true);
    m_strip->setSizePolicy(stripPolicy);
    m_strip->hide();

    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == TradingState::Active)
            arm(CommandKind::Pause);
        else if (m_state == TradingState::Maintenance)
            arm(CommandKind::MaintenanceExit);
        else
            arm(CommandKind::Resume);
    });
    connect(m_halt, &QPushButton::clicked, this, [this] { arm(CommandKind::Halt); });
    connect(m_maintenance, &QPushButton::clicked, this, [this] { arm(CommandKind::MaintenanceEnter); });
    connect(m_kill, &QPushButton::clicked, this, [this] { arm(CommandKind::Kill); });
    connect(m_fire, &QPushButton::clicked, this, &ControlBar::fire);
    connect(m_cancel, &QPushButton::clicked, this, &ControlBar::disarm);
    connect(m_reason, &QLineEdit::textChanged, this, &ControlBar::updateFireButton);
    connect(m_ack, &QLineEdit::textChanged, this, &ControlBar::updateFireButton);
    connect(m_reason, &QLineEdit::returnPressed, this, &ControlBar::fire);
    connect(m_ack, &QLineEdit::returnPressed, this, &ControlBar::fire);
    auto *killKey = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+K")), this);
    killKey->setContext(Qt::WindowShortcut);
    connect(killKey, &QShortcut::activated, this, [this] { arm(CommandKind::Kill); });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_strip);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &ControlBar::disarm);

    m_disarmTimer.setSingleShot(true);
    m_disarmTimer.setInterval(kArmedMs);
    connect(&m_disarmTimer, &QTimer::timeout, this, &ControlBar::disarm);
}

void ControlBar::applySnapshot(const Snapshot &s)
{
    m_state = s.tradingState;
    const bool wasOver = m_sessionOver;
    m_sessionOver = s.phase == SessionPhase::Closed;
    if (m_sessionOver && !wasOver && m_isArmed)
        disarm(); // it could only be answered "the session has ended"
    followFlatten(s);
    m_strategyKeys.clear();
    for (const StrategyRow &row : s.strategies)
        m_strategyKeys.push_back(row.key);
    m_symbols.clear();
    for (const PositionRow &row : s.positions)
        m_symbols.push_back(row.symbol);

    const bool latched = s.tradingState == TradingState::Halted || s.tradingState == TradingState::Killed;
    switch (s.tradingState) {
    case TradingState::Active: theme::setButtonText(m_pause, tr("Pause")); break;
    case TradingState::Maintenance: theme::setButtonText(m_pause, tr("End maintenance")); break;
    default: theme::setButtonText(m_pause, latched ? tr("Resume…") : tr("Resume")); break;
    }
    // After the close the engine takes no command: nothing here may look as if it could act.
    const bool open = !m_sessionOver;
    m_pause->setEnabled(open);
    m_flatten->setEnabled(open);
    // A button is live when the engine's rules would take its command and it would change the state.
    auto changes = [&s](CommandKind kind) {
        const TransitionRule rule = transitionFor(kind, s.tradingState, s.tradingState);
        return rule.allowed && rule.to != s.tradingState;
    };
    m_halt->setEnabled(open && changes(CommandKind::Halt));
    m_maintenance->setEnabled(open && changes(CommandKind::MaintenanceEnter));
    m_kill->setEnabled(open && changes(CommandKind::Kill));
    m_kill->setProperty("latched", s.tradingState == TradingState::Killed);
    if (m_isArmed)
        updateFireButton(); // a halt in between may now call for an acknowledgement
}

void ControlBar::arm(CommandKind kind) { arm(commandOf(kind)); }

void ControlBar::arm(Command prepared)
{
    if (!m_sink)
        return;
    if (m_sessionOver) {
        showAnswer(false, tr("The session is over: nothing can be sent or cancelled until the next one"));
        return;
    }
    m_armed = std::move(prepared);
    const CommandKind kind = kindOf(m_armed);
    m_isArmed = true;
    m_reason->clear();
    m_ack->clear();
    const auto *resolve = std::get_if<cmd::Resolve>(&m_armed);
    const bool danger = kind == CommandKind::Kill || kind == CommandKind::Halt || kind == CommandKind::Flatten
                        || kind == CommandKind::Drill || (resolve && resolve->resolution == Resolution::Flatten);
    m_strip->setProperty("danger", danger);
    m_strip->style()->unpolish(m_strip);
    m_strip->style()->polish(m_strip);
    m_armedText->setText(describe(m_armed));
    m_reason->setPlaceholderText(kind == CommandKind::MaintenanceEnter ? tr("Message shown while in maintenance")
                                 : kind == CommandKind::Resolve        ? tr("Note (recorded with the resolution)")
                                                                       : tr("Reason (recorded in the audit trail)"));
    m_strip->show();
    m_reason->setFocus(Qt::ShortcutFocusReason);
    updateFireButton();
    m_disarmTimer.start();
}

void ControlBar::disarm()
{
    // Out of the strip, the focus goes to the bar itself, never to a control: a key pressed
    // after a command changes nothing.
    if (m_strip->isAncestorOf(QApplication::focusWidget()))
        setFocus(Qt::OtherFocusReason);
    m_isArmed = false;
    m_disarmTimer.stop();
    m_strip->hide();
}

bool ControlBar::isArmed() const { return m_isArmed; }

QString ControlBar::answerText() const { return m_answer->text(); }

QString ControlBar::describe(const Command &c) const
{
    const auto q = [](const std::string &text) { return QString::fromStdString(text); };
    switch (kindOf(c)) {
    case CommandKind::Pause: return tr("Pause: reduce-only; exits still allowed");
    case CommandKind::Resume:
        return m_state == TradingState::Killed   ? tr("Reset the kill switch and resume trading")
               : m_state == TradingState::Halted ? tr("Resume trading after the halt")
                                                 : tr("Resume trading");
    case CommandKind::Halt: return tr("HALT: no new orders; every working order cancelled");
    case CommandKind::Kill:
        return tr("KILL SWITCH: halt, cancel all, flatten everything, stop the strategies; latched");
    case CommandKind::Flatten: {
        const FlattenScope &scope = std::get<cmd::Flatten>(c).scope;
        if (scope.kind == FlattenScope::Kind::Strategy)
            return tr("FLATTEN strategy %1: cancel its orders, close its positions at market").arg(q(scope.target));
        if (scope.kind == FlattenScope::Kind::Symbol)
            return tr("FLATTEN %1: cancel its orders, close it at market").arg(q(scope.target));
        return tr("FLATTEN everything: cancel all orders, close every position at market, then pause");
    }
    case CommandKind::MaintenanceEnter: return tr("Enter maintenance: trading stopped, orders cancelled");
    case CommandKind::MaintenanceExit: return tr("End maintenance");
    case CommandKind::EnableStrategy: return tr("Enable strategy %1").arg(q(std::get<cmd::EnableStrategy>(c).strategy));
    case CommandKind::CancelOrders:
        return tr("Cancel the working orders of strategy %1").arg(q(std::get<cmd::CancelOrders>(c).strategy));
    case CommandKind::AcknowledgeAlert:
        return tr("Acknowledge alert #%1").arg(std::get<cmd::AcknowledgeAlert>(c).alert);
    case CommandKind::RecordAlert: return tr("Raise an alert: %1").arg(q(std::get<cmd::RecordAlert>(c).message));
    case CommandKind::OpenIncident:
        return tr("Open a level %1 incident: %2")
            .arg(alertLevel(std::get<cmd::OpenIncident>(c).severity))
            .arg(q(originOf(c).reason));
    case CommandKind::UpdateIncident: {
        const cmd::UpdateIncident &update = std::get<cmd::UpdateIncident>(c);
        return update.field == IncidentField::Note ? tr("Add a note to incident #%1").arg(update.incident)
                                                   : tr("Record the %1 of incident #%2")
                                                         .arg(QString::fromUtf8(toString(update.field)))
                                                         .arg(update.incident);
    }
    case CommandKind::SignOffIncident:
        return tr("SIGN OFF incident #%1: it is closed; a resume no longer waits for it")
            .arg(std::get<cmd::SignOffIncident>(c).incident);
    case CommandKind::Reconcile:
    case CommandKind::RecordReconciliation: return tr("Compare the books with the broker's now");
    case CommandKind::Resolve: {
        const cmd::Resolve &resolve = std::get<cmd::Resolve>(c);
        const QString key = q(resolve.differenceKey);
        switch (resolve.resolution) {
        case Resolution::Adopt:
            return tr("ADOPT the broker's view of %1: book it in the console's books (nothing is sent)").arg(key);
        case Resolution::Flatten:
            return tr("FLATTEN %1: adopt the broker's view, then close the symbol at market").arg(key);
        case Resolution::Cancel: return tr("CANCEL %1 at the broker").arg(key);
        case Resolution::Accept: break;
        }
        return tr("ACCEPT %1 as it is: the difference stays, the symbol trades again").arg(key);
    }
    case CommandKind::Unblock:
        return tr("UNBLOCK new entries in %1 although its books differ from the broker's")
            .arg(q(std::get<cmd::Unblock>(c).symbol));
    case CommandKind::Drill: {
        const cmd::Drill &drill = std::get<cmd::Drill>(c);
        QString text = tr("DRILL %1 on the simulated venue: a rehearsal, not a real fault")
                           .arg(QLatin1String(toString(drill.kind).data(), qsizetype(toString(drill.kind).size())));
        if (!drill.subject.empty())
            text += tr(" (on %1)").arg(q(drill.subject));
        return text;
    }
    case CommandKind::RunChecklist:
    case CommandKind::RecordChecklist: {
        const auto *run = std::get_if<cmd::RunChecklist>(&c);
        const std::string_view kind = run ? toString(run->kind) : std::string_view{};
        return tr("Run the %1 checklist").arg(QLatin1String(kind.data(), qsizetype(kind.size())));
    }
    case CommandKind::Status: break;
    }
    return {};
}

void ControlBar::updateFireButton()
{
    const bool ack = needsAcknowledgement(kindOf(m_armed), m_state);
    m_ack->setVisible(ack);
    const bool ready = !m_reason->text().trimmed().isEmpty() && (!ack || !m_ack->text().trimmed().isEmpty());
    m_fire->setEnabled(ready);
    QString label;
    switch (kindOf(m_armed)) {
    case CommandKind::Kill: label = tr("Fire kill switch"); break;
    case CommandKind::Halt: label = tr("Halt now"); break;
    case CommandKind::Flatten: label = tr("Flatten now"); break;
    case CommandKind::Pause: label = tr("Pause now"); break;
    case CommandKind::Resume: label = tr("Resume"); break;
    case CommandKind::MaintenanceEnter: label = tr("Enter maintenance"); break;
    case CommandKind::MaintenanceExit: label = tr("End maintenance"); break;
    case CommandKind::Resolve: label = tr("Resolve"); break;
    case CommandKind::Unblock: label = tr("Unblock"); break;
    case CommandKind::Drill: label = tr("Start drill"); break;
    default: label = tr("Send"); break;
    }
    theme::setButtonText(m_fire, label);
}

void ControlBar::fire()
{
    if (!m_isArmed)
        return;
    // Enter in an empty field says what is missing (the Fire button is greyed out for it).
    if (m_reason->text().trimmed().isEmpty()) {
        const CommandKind kind = kindOf(m_armed);
        showAnswer(false,
                   kind == CommandKind::MaintenanceEnter ? tr("A message is required: it is shown while in maintenance")
                   : kind == CommandKind::Resolve        ? tr("A note is required: it is recorded with the resolution")
                                                  : tr("A reason is required: it is recorded in the audit trail"));
        m_reason->setFocus(Qt::OtherFocusReason);
        return;
    }
    const bool ack = needsAcknowledgement(kindOf(m_armed), m_state);
    if (ack && m_ack->text().trimmed().isEmpty()) {
        showAnswer(false, tr("An acknowledgement is required: what you checked before trading again"));
        m_ack->setFocus(Qt::OtherFocusReason);
        return;
    }
    Command c = m_armed;
    Origin &origin = originOf(c);
    origin.actor = m_actor.toStdString();
    origin.reason = m_reason->text().trimmed().toStdString();
    if (auto *enter = std::get_if<cmd::MaintenanceEnter>(&c))
        enter->banner = origin.reason;
    if (auto *resume = std::get_if<cmd::Resume>(&c); resume && ack)
        resume->acknowledgement = m_ack->text().trimmed().toStdString();
    disarm();
    m_following = {};
    showAnswer(true, tr("Sent: %1…").arg(describe(c)));
    QPointer<ControlBar> self(this);
    const CommandKind kind = kindOf(c);
    m_sink(std::move(c), [self, kind](const CommandResult &result) {
        // The engine thread (or this one, when the session is over): show it here.
        const bool ok = result.ok;
        const QString message = QString::fromStdString(result.message);
        const std::uint64_t version = result.snapshotVersion;
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, message, kind, version] {
                if (self)
                    self->showAnswer(ok, message);
                // A flatten (a kill's too) goes on after the answer: the line follows it.
                if (self && ok && (kind == CommandKind::Flatten || kind == CommandKind::Kill))
                    self->m_following = {true, kind == CommandKind::Kill ? tr("KILLED (latched); ") : QString(),
                                         version};
                if (self)
                    Q_EMIT self->answered(ok, message);
            },
            Qt::QueuedConnection);
    });
}

void ControlBar::showAnswer(bool ok, const QString &message)
{
    theme::setText(m_answer, message);
    theme::setTone(m_answer, ok ? theme::Tone::Normal : theme::Tone::Loss);
    fitAnswer();
}

void ControlBar::fitAnswer()
{
    // A wrapped label's own size hint guesses a width of its own: the lines it takes are
    // those at the width it has.
    const int height = m_answer->heightForWidth(std::max(m_answer->width(), 1));
    if (height > 0 && height != m_answer->minimumHeight())
        m_answer->setFixedHeight(height);
}

bool ControlBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_answer && event->type() == QEvent::Resize)
        fitAnswer();
    return QFrame::eventFilter(watched, event);
}

void ControlBar::followFlatten(const Snapshot &s)
{
    // Only what the engine published after the command: an earlier flatten's "flat" is old news.
    if (!m_following.active || s.version <= m_following.afterVersion || s.flatten.phase == FlattenStatus::Phase::None)
        return;
    const bool failed = s.flatten.phase == FlattenStatus::Phase::Failed;
    showAnswer(!failed,
               m_following.prefix
                   + tr("flatten %1: %2")
                         .arg(QString::fromStdString(s.flatten.scope), QString::fromStdString(s.flatten.detail)));
    if (failed || s.flatten.phase == FlattenStatus::Phase::Flat)
        m_following = {};
}

void ControlBar::fillFlattenMenu()
{
    m_flattenMenu->clear();
    m_flattenMenu->addAction(tr("Everything"), this, [this] { arm(CommandKind::Flatten); });
    if (!m_strategyKeys.empty()) {
        m_flattenMenu->addSection(tr("Strategy"));
        for (const std::string &key : m_strategyKeys) {
            const QString name = QString::fromStdString(key);
            m_flattenMenu->addAction(name, this, [this, key] {
                arm(cmd::Flatten{{}, {FlattenScope::Kind::Strategy, key}});
            });
        }
    }
    if (!m_symbols.empty()) {
        m_flattenMenu->addSection(tr("Symbol"));
        for (const std::string &symbol : m_symbols) {
            const QString name = QString::fromStdString(symbol);
            m_flattenMenu->addAction(name, this, [this, symbol] {
                arm(cmd::Flatten{{}, {FlattenScope::Kind::Symbol, symbol}});
            });
        }
    }
}

} // namespace vigil
