#include "HeaderStrip.h"

#include "Format.h"
#include "HealthPanel.h"
#include "Palette.h"
#include "PlotStyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>
#include <utility>

namespace vigil {

namespace {

/// A small title over a monospace value; returns the value label.
QLabel *addField(QHBoxLayout *row, const QString &title, QWidget *parent)
{
    auto *box = new QVBoxLayout;
    box->setSpacing(2);
    auto *titleLabel = new QLabel(title, parent);
    titleLabel->setObjectName(QStringLiteral("fieldTitle"));
    auto *value = new QLabel(format::none(), parent);
    value->setFont(theme::monospaceFont(20, QFont::DemiBold));
    theme::setTone(value, theme::Tone::Normal);
    box->addWidget(titleLabel);
    box->addWidget(value);
    row->addLayout(box);
    return value;
}

QFrame *separator(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFixedWidth(1);
    line->setStyleSheet(QStringLiteral("background: %1;").arg(palette::border().name()));
    return line;
}

} // namespace

HeaderStrip::HeaderStrip(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("headerStrip"));
    auto *row = new QHBoxLayout(this);
    // Tight enough for a 1366-pixel screen with the longest values.
    row->setContentsMargins(12, 10, 12, 10);
    row->setSpacing(14);

    auto *brand = new QVBoxLayout;
    brand->setSpacing(0);
    auto *wordmark = new QLabel(tr("VIGIL"), this);
    wordmark->setObjectName(QStringLiteral("wordmark"));
    QFont wordmarkFont = wordmark->font();
    wordmarkFont.setLetterSpacing(QFont::AbsoluteSpacing, 4);
    wordmark->setFont(wordmarkFont);
    m_subtitle = new QLabel(tr("operator console"), this);
    m_subtitle->setObjectName(QStringLiteral("fieldDetail"));
    // Under the wordmark, where no layout change can push it out of sight; hidden on the
    // simulator.
    m_venueBadge = new QLabel(this);
    m_venueBadge->setObjectName(QStringLiteral("venueBadge"));
    m_venueBadge->setAlignment(Qt::AlignCenter);
    QFont venueFont = m_venueBadge->font();
    venueFont.setLetterSpacing(QFont::AbsoluteSpacing, 2);
    m_venueBadge->setFont(venueFont);
    m_venueBadge->hide();
    brand->addWidget(wordmark);
    brand->addWidget(m_venueBadge);
    brand->addWidget(m_subtitle);
    row->addLayout(brand);
    row->addWidget(separator(this));

    auto *stateBox = new QVBoxLayout;
    stateBox->setSpacing(2);
    auto *stateTitle = new QLabel(tr("TRADING STATE"), this);
    stateTitle->setObjectName(QStringLiteral("fieldTitle"));
    m_stateBadge = new QLabel(this);
    m_stateBadge->setObjectName(QStringLiteral("stateBadge"));
    m_stateBadge->setAlignment(Qt::AlignCenter);
    m_stateBadge->setMinimumWidth(190);
    QFont badgeFont = m_stateBadge->font();
    badgeFont.setLetterSpacing(QFont::AbsoluteSpacing, 2);
    m_stateBadge->setFont(badgeFont);
    stateBox->addWidget(stateTitle);
    stateBox->addWidget(m_stateBadge);
    row->addLayout(stateBox);

    // Beside the badge, one line each: what the state means, who set it and when, and why
    // (who and why in the text's own colour: the first things asked of a state one did not
    // set oneself). They take the room the fields leave; a line longer than that is
    // shortened, whole in its tool tip, so the strip never grows.
    auto *detailBox = new QVBoxLayout;
    detailBox->setSpacing(1);
    const std::pair<QLabel **, const char *> lines[] = {
        {&m_stateDetail, "fieldDetail"}, {&m_stateOrigin, "stateOrigin"}, {&m_stateReason, "stateReason"}};
    detailBox->addStretch(1);
    for (const auto &[label, name] : lines) {
        *label = new QLabel(this);
        (*label)->setObjectName(QLatin1String(name));
        (*label)->setMinimumWidth(160);
        (*label)->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        (*label)->installEventFilter(this); // fitted again to each new width
        detailBox->addWidget(*label);
    }
    detailBox->addStretch(1);
    row->addLayout(detailBox, 1);

    m_marketData = addField(row, tr("MARKET DATA"), this);
    row->addWidget(separator(this));
    m_broker = addField(row, tr("BROKER"), this);
    row->addWidget(separator(this));
    m_date = addField(row, tr("SESSION"), this);
    row->addWidget(separator(this));
    m_clock = addField(row, tr("NEW YORK"), this);
    row->addWidget(separator(this));
    m_phase = addField(row, tr("PHASE"), this);
    row->addWidget(separator(this));
    m_speed = addField(row, tr("SPEED"), this);
}

void HeaderStrip::setVenue(const VenueConfig &venue)
{
    m_brokerPace = venue.kind == VenueKind::Alpaca;
    m_speed->setToolTip(m_brokerPace ? tr("The broker's own clock sets the pace: its session runs in its time")
                                     : QString());
    showSpeed();
    if (venue.kind != VenueKind::Alpaca) {
        m_venueBadge->hide();
        m_venueBadge->clear();
        m_venueTone = theme::Tone::Muted;
        m_subtitle->setText(tr("operator console"));
        m_subtitle->setToolTip({});
        return;
    }
    const bool live = venue.alpaca.environment == AlpacaEnvironment::Live;
    m_venueTone = live ? theme::Tone::Loss : theme::Tone::Neutral;
    m_venueBadge->setText(live ? tr("LIVE") : tr("PAPER"));
    theme::setTone(m_venueBadge, m_venueTone);
    m_subtitle->setText(live ? tr("Alpaca: real money") : tr("Alpaca paper account"));
    const QString tip = live ? tr("Orders go to your Alpaca live account and trade real money.")
                             : tr("Orders go to your Alpaca paper account: simulated money at Alpaca.");
    m_venueBadge->setToolTip(tip);
    m_subtitle->setToolTip(tip);
    m_venueBadge->show();
}

void HeaderStrip::showSpeed()
{
    // On a real broker the configured speed means nothing: the broker's clock sets the pace.
    if (m_brokerPace)
        theme::setText(m_speed, tr("broker"));
    else if (m_lastSpeed)
        theme::setText(m_speed, format::speed(*m_lastSpeed));
}

QString HeaderStrip::venueText() const { return m_venueBadge->isHidden() ? QString() : m_venueBadge->text(); }

void HeaderStrip::applySnapshot(const Snapshot &snapshot)
{
    // The feed's and the broker's heartbeats, judged as the health panel judges them.
    using State = HealthPanel::ComponentState;
    const ComponentHealth *feed = nullptr;
    const ComponentHealth *broker = nullptr;
    for (const ComponentHealth &c : snapshot.components) {
        if (c.id == ComponentId::MarketData)
            feed = &c;
        else if (c.id == ComponentId::Broker)
            broker = &c;
    }
    if (feed) {
        const State state = HealthPanel::componentState(*feed);
        const QString age = format::age(feed->simAgeMs);
        theme::setText(m_marketData, state == State::Down    ? tr("DOWN")
                                     : state == State::Stale ? tr("STALE %1").arg(age)
                                                             : age);
        m_marketDataTone = HealthPanel::componentTone(state);
    } else {
        theme::setText(m_marketData, format::none());
        m_marketDataTone = theme::Tone::Muted;
    }
    theme::setTone(m_marketData, m_marketDataTone);
    if (broker) {
        const State state = HealthPanel::componentState(*broker);
        QString text = tr("connected");
        m_brokerTone = HealthPanel::componentTone(state);
        if (state == State::Down) {
            text = tr("DOWN");
        } else if (state == State::Stale) {
            text = tr("STALE");
        } else if (snapshot.brokerErrorStreak > 0) {
            text = snapshot.brokerErrorStreak == 1 ? tr("1 error") : tr("%1 errors").arg(snapshot.brokerErrorStreak);
            m_brokerTone = theme::Tone::Warning;
        }
        theme::setText(m_broker, text);
    } else {
        theme::setText(m_broker, format::none());
        m_brokerTone = theme::Tone::Muted;
    }
    theme::setTone(m_broker, m_brokerTone);

    // Colour, symbol and word: the state reads the same without colour vision.
    const Badge badge = badgeFor(snapshot);
    // After a restart the session's phase is "replaying" until the market reaches where it stopped.
    const QString replaying = snapshot.catchingUpTo.empty() ? QString() : tr(" · replaying");
    theme::setText(m_stateBadge, badge.symbol + QStringLiteral("  ") + badge.word + replaying);
    m_stateName = badge.word;
    theme::setTone(m_stateBadge, badge.tone);

    QString detail;
    switch (snapshot.tradingState) {
    case TradingState::Active: detail = tr("Orders flow"); break;
    case TradingState::Paused: detail = tr("Reduce-only: exits and risk-reducing orders"); break;
    case TradingState::Halted: detail = tr("No new orders; working orders cancelled"); break;
    case TradingState::Killed: detail = tr("Kill switch latched until an operator resets it"); break;
    case TradingState::Maintenance: detail = tr("Planned work; trading stopped"); break;
    }
    if (!snapshot.catchingUpTo.empty())
        detail = tr("Resumed: replaying the market to %1, no orders until then")
                     .arg(QString::fromStdString(snapshot.catchingUpTo));
    // Set by a command: by whom, when (New York) and why. Before any, the session's start.
    const std::optional<SessionWindow> session = plot::sessionOf(snapshot.sessionDate);
    const bool set = snapshot.stateSince != 0 && session;
    // The time first: the part a narrow window must not cut.
    QString origin = set ? tr("at %1 by %2")
                               .arg(QString::fromStdString(session->clockText(snapshot.stateSince)),
                                    QString::fromStdString(snapshot.stateActor))
                         : tr("since the start of the session");
    if (snapshot.phase == SessionPhase::Closed) {
        detail = tr("Session over: no orders, no cancels");
        origin = tr("Left %1 %2").arg(stateName(snapshot.tradingState), origin);
    }
    m_stateLines[0] = detail;
    m_stateLines[1] = origin;
    m_stateLines[2] = set ? QString::fromStdString(snapshot.stateReason) : QString();
    fitStateLines();

    theme::setText(m_date,
                   snapshot.sessionDate.empty() ? format::none() : QString::fromStdString(snapshot.sessionDate));
    theme::setText(m_clock, snapshot.simClock.empty() ? format::none() : QString::fromStdString(snapshot.simClock));
    theme::setText(m_phase, replaying.isEmpty() ? phaseName(snapshot.phase) : tr("Replaying"));
    theme::setTone(m_phase, !replaying.isEmpty()                   ? theme::Tone::Warning
                            : snapshot.phase == SessionPhase::Open ? theme::Tone::Profit
                                                                   : theme::Tone::Muted);
    m_lastSpeed = snapshot.speed;
    showSpeed();
}

QString HeaderStrip::stateText() const { return m_stateName; }
QString HeaderStrip::stateDetailText() const { return m_stateLines[0]; }

void HeaderStrip::fitStateLines()
{
    QLabel *const labels[] = {m_stateDetail, m_stateOrigin, m_stateReason};
    for (std::size_t i = 0; i < std::size(labels); ++i) {
        QLabel *label = labels[i];
        const QString &whole = m_stateLines[i];
        label->setVisible(!whole.isEmpty());
        const QString shown = label->fontMetrics().elidedText(whole, Qt::ElideRight, std::max(label->width(), 1));
        theme::setText(label, shown);
        const QString tip = shown == whole ? QString() : whole;
        if (label->toolTip() != tip)
            label->setToolTip(tip);
    }
}

bool HeaderStrip::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize
        && (watched == m_stateDetail || watched == m_stateOrigin || watched == m_stateReason))
        fitStateLines();
    return QFrame::eventFilter(watched, event);
}
QString HeaderStrip::clockText() const { return m_clock->text(); }
QString HeaderStrip::phaseText() const { return m_phase->text(); }
QString HeaderStrip::speedText() const { return m_speed->text(); }

QString HeaderStrip::stateName(TradingState state)
{
    switch (state) {
    case TradingState::Active: return tr("ACTIVE");
    case TradingState::Paused: return tr("PAUSED");
    case TradingState::Halted: return tr("HALTED");
    case TradingState::Killed: return tr("KILLED");
    case TradingState::Maintenance: return tr("MAINTENANCE");
    }
    return {};
}

HeaderStrip::Badge HeaderStrip::badgeFor(const Snapshot &snapshot)
{
    if (snapshot.phase == SessionPhase::Closed)
        return {QStringLiteral("\u263E"), tr("CLOSED"), theme::Tone::Muted}; // crescent moon: after hours
    return {stateSymbol(snapshot.tradingState), stateName(snapshot.tradingState), stateTone(snapshot.tradingState)};
}

QString HeaderStrip::stateSymbol(TradingState state)
{
    switch (state) {
    case TradingState::Active: return QStringLiteral("\u25B6");       // play
    case TradingState::Paused: return QStringLiteral("\u275A\u275A"); // pause bars
    case TradingState::Halted: return QStringLiteral("\u25A0");       // stop square
    case TradingState::Killed: return QStringLiteral("\u2716");       // heavy cross
    case TradingState::Maintenance: return QStringLiteral("\u2692");  // hammer and pick
    }
    return {};
}

theme::Tone HeaderStrip::stateTone(TradingState state)
{
    switch (state) {
    case TradingState::Active: return theme::Tone::Profit;
    case TradingState::Paused: return theme::Tone::Warning;
    case TradingState::Halted:
    case TradingState::Killed: return theme::Tone::Loss;
    case TradingState::Maintenance: return theme::Tone::Neutral;
    }
    return theme::Tone::Neutral;
}

QString HeaderStrip::marketDataText() const { return m_marketData->text(); }

QString HeaderStrip::brokerText() const { return m_broker->text(); }

QString HeaderStrip::phaseName(SessionPhase phase)
{
    switch (phase) {
    case SessionPhase::NotStarted: return tr("Pre-open");
    case SessionPhase::Open: return tr("Open");
    case SessionPhase::Closed: return tr("Closed");
    }
    return {};
}

} // namespace vigil
