#include "HealthPanel.h"

#include "Format.h"
#include "PanelParts.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace vigil {

namespace {

using theme::Tone;

using panel::caption;
using panel::present;
using panel::sectionTitle;

QLabel *number(QWidget *parent, int pixelSize = 14) { return panel::figure(parent, pixelSize); }

const LatencyStats &statsOf(const Snapshot &snapshot, HealthPanel::Path path)
{
    switch (path) {
    case HealthPanel::Path::Feed: return snapshot.feedLatency;
    case HealthPanel::Path::Acknowledgement: return snapshot.ackLatency;
    case HealthPanel::Path::TickToOrder: return snapshot.tickToOrder;
    }
    return snapshot.feedLatency;
}

HealthPanel::LatencyThresholds thresholdsOf(HealthPanel::Path path)
{
    switch (path) {
    case HealthPanel::Path::Feed: return HealthPanel::kFeedThresholds;
    case HealthPanel::Path::Acknowledgement: return HealthPanel::kAckThresholds;
    case HealthPanel::Path::TickToOrder: return HealthPanel::kTickToOrderThresholds;
    }
    return HealthPanel::kFeedThresholds;
}

} // namespace

void HealthPanel::setTitleVisible(bool visible) { m_title->setVisible(visible); }

HealthPanel::HealthPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("panel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(8);

    m_title = new QLabel(tr("SYSTEM HEALTH"), this);
    m_title->setObjectName(QStringLiteral("panelTitle"));
    layout->addWidget(m_title);

    // Activity counters: captions over values, five columns.
    layout->addWidget(sectionTitle(tr("Activity"), this));
    auto *activity = new QGridLayout;
    activity->setHorizontalSpacing(12);
    activity->setVerticalSpacing(0);
    const std::array<QString, 5> activityCaptions = {tr("Events"), tr("Orders"), tr("Fills"), tr("Rejects"),
                                                     tr("Working")};
    std::array<QLabel **, 5> activityValues = {&m_events, &m_orders, &m_fills, &m_rejects, &m_working};
    for (int column = 0; column < 5; ++column) {
        activity->addWidget(caption(activityCaptions[static_cast<std::size_t>(column)], this), 0, column);
        *activityValues[static_cast<std::size_t>(column)] = number(this, 16);
        activity->addWidget(*activityValues[static_cast<std::size_t>(column)], 1, column);
        activity->setColumnStretch(column, 1);
    }
    m_rejectRate = caption(QString(), this);
    activity->addWidget(m_rejectRate, 2, 3, 1, 2);
    // The process and the data volume, under the counters.
    activity->addWidget(caption(tr("CPU (all cores)"), this), 3, 0);
    activity->addWidget(caption(tr("Memory"), this), 3, 1);
    auto *diskCaption = caption(tr("Free on the data volume"), this);
    activity->addWidget(diskCaption, 3, 2, 1, 3);
    m_cpu = number(this, 16);
    m_memory = number(this, 16);
    m_disk = number(this, 16);
    m_cpu->setToolTip(tr("This process, all threads, as a share of all the machine's cores"));
    m_memory->setToolTip(tr("This process's resident memory"));
    activity->addWidget(m_cpu, 4, 0);
    activity->addWidget(m_memory, 4, 1);
    activity->addWidget(m_disk, 4, 2, 1, 3);
    layout->addLayout(activity);

    // Latency: one row a path, one column a percentile.
    layout->addSpacing(4);
    layout->addWidget(sectionTitle(tr("Latency"), this));
    auto *latency = new QGridLayout;
    latency->setHorizontalSpacing(12);
    latency->setVerticalSpacing(3);
    latency->addWidget(caption(tr("p50"), this), 0, 1);
    latency->addWidget(caption(tr("p95"), this), 0, 2);
    latency->addWidget(caption(tr("p99"), this), 0, 3);
    latency->addWidget(caption(tr("samples"), this), 0, 4);
    const std::array<QString, kPathCount> pathNames = {tr("Feed"), tr("Broker ack"), tr("Tick-to-order")};
    const std::array<QString, kPathCount> pathTips = {
        tr("Exchange time to engine receipt (simulated time)"),
        tr("Order decision to broker acknowledgement (simulated time)"),
        tr("Engine processing, tick in to order out (wall time)"),
    };
    for (int path = 0; path < kPathCount; ++path) {
        auto *name = new QLabel(pathNames[static_cast<std::size_t>(path)], this);
        name->setToolTip(pathTips[static_cast<std::size_t>(path)]);
        latency->addWidget(name, path + 1, 0);
        for (int percentile = 0; percentile < kPercentileCount; ++percentile) {
            QLabel *cell = number(this);
            m_latency[cellIndex(static_cast<Path>(path), static_cast<Percentile>(percentile))] = cell;
            latency->addWidget(cell, path + 1, percentile + 1);
        }
        m_samples[static_cast<std::size_t>(path)] = number(this, 12);
        theme::setTone(m_samples[static_cast<std::size_t>(path)], Tone::Muted);
        latency->addWidget(m_samples[static_cast<std::size_t>(path)], path + 1, 4);
    }
    latency->setColumnStretch(0, 3);
    for (int column = 1; column <= 4; ++column)
        latency->setColumnStretch(column, 2);
    layout->addLayout(latency);

    // Components: rebuilt when the set of names changes.
    layout->addSpacing(4);
    layout->addWidget(sectionTitle(tr("Components"), this));
    m_componentGrid = new QGridLayout;
    m_componentGrid->setHorizontalSpacing(12);
    m_componentGrid->setVerticalSpacing(3);
    m_componentGrid->addWidget(caption(tr("component"), this, Qt::AlignLeft), 0, 0, 1, 2);
    m_componentGrid->addWidget(caption(tr("status"), this, Qt::AlignLeft), 0, 2);
    m_componentGrid->addWidget(caption(tr("heartbeat (sim)"), this), 0, 3);
    m_componentGrid->addWidget(caption(tr("heartbeat (wall)"), this), 0, 4);
    m_componentGrid->setColumnStretch(1, 3);
    m_componentGrid->setColumnStretch(2, 2);
    m_componentGrid->setColumnStretch(3, 2);
    m_componentGrid->setColumnStretch(4, 2);
    m_noComponents = caption(tr("No component has reported yet"), this, Qt::AlignLeft);
    m_componentGrid->addWidget(m_noComponents, 1, 0, 1, 5);
    layout->addLayout(m_componentGrid);

    // A real broker's links: its order stream, where market data comes from, the REST budget.
    m_linksTitle = sectionTitle(tr("Broker links"), this);
    layout->addWidget(m_linksTitle);
    auto *links = new QGridLayout;
    links->setHorizontalSpacing(12);
    links->setVerticalSpacing(3);
    const std::array<QString, kLinkRowCount> linkCaptions = {tr("Order stream"), tr("Market data"), tr("REST budget")};
    for (int row = 0; row < kLinkRowCount; ++row) {
        const auto i = static_cast<std::size_t>(row);
        m_linkCaptions[i] = new QLabel(linkCaptions[i], this);
        m_links[i] = number(this, 13);
        m_links[i]->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        links->addWidget(m_linkCaptions[i], row, 0);
        links->addWidget(m_links[i], row, 1);
    }
    links->setColumnStretch(1, 1);
    layout->addLayout(links);
    applyLinks({});

    // Bots: one row each, when the configuration has any.
    layout->addSpacing(4);
    m_botsTitle = sectionTitle(tr("Bots"), this);
    layout->addWidget(m_botsTitle);
    m_botGrid = new QGridLayout;
    m_botGrid->setHorizontalSpacing(12);
    m_botGrid->setVerticalSpacing(3);
    m_botHeader = {caption(tr("bot"), this, Qt::AlignLeft),
                   caption(tr("status"), this, Qt::AlignLeft),
                   caption(tr("streams"), this),
                   caption(tr("last seen"), this),
                   caption(tr("process"), this, Qt::AlignLeft),
                   caption(tr("restarts"), this)};
    m_botGrid->addWidget(m_botHeader[0], 0, 0, 1, 2);
    for (int column = 0; column < kBotColumnCount; ++column)
        m_botGrid->addWidget(m_botHeader[static_cast<std::size_t>(column) + 1], 0, column + 2);
    m_botGrid->setColumnStretch(1, 3);
    for (int column = 2; column < 2 + kBotColumnCount; ++column)
        m_botGrid->setColumnStretch(column, 2);
    layout->addLayout(m_botGrid);
    rebuildBots({});
    layout->addStretch(1);
}

namespace {
QString linkStateText(LinkState state)
{
    switch (state) {
    case LinkState::Connecting: return HealthPanel::tr("connecting");
    case LinkState::Up: return HealthPanel::tr("up");
    case LinkState::CatchingUp: return HealthPanel::tr("catching up");
    case LinkState::Reconnecting: return HealthPanel::tr("reconnecting");
    case LinkState::Stalled: return HealthPanel::tr("stalled");
    }
    return {};
}

QString reconnectsText(std::uint32_t count)
{
    return count == 1 ? HealthPanel::tr(" · 1 reconnect") : HealthPanel::tr(" · %1 reconnects").arg(count);
}

Tone linkStateTone(LinkState state)
{
    return state == LinkState::Up ? Tone::Normal : (state == LinkState::Connecting ? Tone::Muted : Tone::Warning);
}
}

void HealthPanel::applyLinks(const VenueLinks &links)
{
    m_linksTitle->setVisible(links.applies);
    for (int row = 0; row < kLinkRowCount; ++row) {
        m_linkCaptions[static_cast<std::size_t>(row)]->setVisible(links.applies);
        m_links[static_cast<std::size_t>(row)]->setVisible(links.applies);
    }
    if (!links.applies)
        return;
    auto show = [this](LinkRow row, const QString &text, Tone tone) {
        m_linkTones[static_cast<std::size_t>(row)] = tone;
        present(m_links[static_cast<std::size_t>(row)], text, tone);
    };
    QString order = linkStateText(links.tradeStream);
    if (links.tradeReconnects > 0)
        order += reconnectsText(links.tradeReconnects);
    show(LinkRow::OrderStream, order, linkStateTone(links.tradeStream));

    QString source;
    Tone dataTone = Tone::Normal;
    switch (links.marketData) {
    case MarketDataSource::Stream: source = tr("stream"); break;
    case MarketDataSource::RestFallback:
        source = tr("REST fallback");
        dataTone = Tone::Warning;
        break;
    case MarketDataSource::None:
        source = tr("none");
        dataTone = Tone::Muted;
        break;
    }
    if (links.marketData != MarketDataSource::Stream || links.dataStream != LinkState::Up)
        source += tr(" · stream %1").arg(linkStateText(links.dataStream));
    if (links.dataReconnects > 0)
        source += reconnectsText(links.dataReconnects);
    if (links.marketData == MarketDataSource::Stream)
        dataTone = linkStateTone(links.dataStream);
    show(LinkRow::MarketData, source, dataTone);

    QString budget = tr("%1 of %2 a minute").arg(links.requestsLastMinute).arg(links.requestBudget);
    Tone budgetTone = links.requestsLastMinute * 10 >= links.requestBudget * 9 ? Tone::Warning : Tone::Normal;
    if (links.requestsWaiting > 0)
        budget += tr(" · %1 waiting").arg(links.requestsWaiting);
    if (links.rateLimitedUntilNs > 0) {
        budget += tr(" · rate limited by the broker");
        budgetTone = Tone::Loss;
    }
    show(LinkRow::RestBudget, budget, budgetTone);
}

QString HealthPanel::linkText(LinkRow row) const
{
    const QLabel *label = m_links[static_cast<std::size_t>(row)];
    return label->isVisibleTo(this) ? label->text() : QString();
}

Tone HealthPanel::linkTone(LinkRow row) const { return m_linkTones[static_cast<std::size_t>(row)]; }

std::size_t HealthPanel::cellIndex(Path path, Percentile percentile)
{
    return static_cast<std::size_t>(static_cast<int>(path) * kPercentileCount + static_cast<int>(percentile));
}

Tone HealthPanel::toneFor(std::int64_t latencyNs, LatencyThresholds thresholds)
{
    if (latencyNs >= thresholds.alertNs)
        return Tone::Loss;
    if (latencyNs >= thresholds.warningNs)
        return Tone::Warning;
    return Tone::Normal;
}

void HealthPanel::applySnapshot(const Snapshot &snapshot)
{
    present(m_events, format::count(snapshot.events), Tone::Normal);
    present(m_orders, format::count(snapshot.orders), Tone::Normal);
    present(m_fills, format::count(snapshot.fills), Tone::Normal);
    // More than one order in ten rejected is an incident; any rejection deserves a look.
    Tone rejectTone = Tone::Normal;
    if (snapshot.rejects > 0)
        rejectTone = snapshot.rejects * 10 > snapshot.orders ? Tone::Loss : Tone::Warning;
    present(m_rejects, format::count(snapshot.rejects), rejectTone);
    theme::setText(m_rejectRate, snapshot.orders == 0
                                     ? QString()
                                     : tr("%1 of orders")
                                           .arg(format::percent(static_cast<double>(snapshot.rejects)
                                                                / static_cast<double>(snapshot.orders))));
    present(m_working, format::count(snapshot.workingOrders), Tone::Normal);
    applyLinks(snapshot.venueLinks);

    const SystemStats &system = snapshot.system;
    present(m_cpu, system.cpuKnown ? QString::number(system.cpuPct, 'f', 1) + QStringLiteral("%") : format::none(),
            system.cpuKnown ? Tone::Normal : Tone::Muted);
    present(m_memory, system.rssBytes >= 0 ? format::bytes(system.rssBytes) : format::none(),
            system.rssBytes >= 0 ? Tone::Normal : Tone::Muted);
    if (system.diskFreeBytes >= 0 && system.diskTotalBytes > 0) {
        const double freePct =
            100.0 * static_cast<double>(system.diskFreeBytes) / static_cast<double>(system.diskTotalBytes);
        m_diskTone =
            freePct < kDiskAlertFreePct ? Tone::Loss : (freePct < kDiskWarnFreePct ? Tone::Warning : Tone::Normal);
        present(m_disk, tr("%1 (%2)").arg(format::bytes(system.diskFreeBytes), format::percent(freePct / 100.0)),
                m_diskTone);
        m_disk->setToolTip(tr("%1 free of %2 on the volume of %3")
                               .arg(format::bytes(system.diskFreeBytes), format::bytes(system.diskTotalBytes),
                                    QString::fromStdString(system.dataDirectory)));
    } else {
        m_diskTone = Tone::Muted;
        present(m_disk, format::none(), m_diskTone);
        m_disk->setToolTip(system.dataDirectory.empty()
                               ? tr("No data directory: nothing is journaled")
                               : tr("Cannot read the volume of %1").arg(QString::fromStdString(system.dataDirectory)));
    }

    for (int pathIndex = 0; pathIndex < kPathCount; ++pathIndex) {
        const auto path = static_cast<Path>(pathIndex);
        const LatencyStats &stats = statsOf(snapshot, path);
        const LatencyThresholds thresholds = thresholdsOf(path);
        const std::array<std::int64_t, kPercentileCount> values = {stats.p50Ns, stats.p95Ns, stats.p99Ns};
        for (int percentile = 0; percentile < kPercentileCount; ++percentile) {
            const std::size_t index = cellIndex(path, static_cast<Percentile>(percentile));
            const std::int64_t value = values[static_cast<std::size_t>(percentile)];
            m_latencyTones[index] = stats.count == 0 ? Tone::Muted : toneFor(value, thresholds);
            present(m_latency[index], stats.count == 0 ? format::none() : format::duration(value),
                    m_latencyTones[index]);
        }
        theme::setText(m_samples[static_cast<std::size_t>(pathIndex)], format::count(stats.count));
    }

    applyBots(snapshot.bots);
    rebuildComponents(snapshot.components);
    for (std::size_t i = 0; i < m_components.size(); ++i) {
        const ComponentHealth &health = snapshot.components[i];
        const ComponentLabels &labels = m_components[i];
        const ComponentState componentNow = componentState(health);
        const Tone state = componentTone(componentNow);
        present(labels.dot, QStringLiteral("●"), state);
        present(labels.status,
                componentNow == ComponentState::Down ? tr("DOWN")
                                                     : (componentNow == ComponentState::Stale ? tr("STALE") : tr("UP")),
                state);
        present(labels.simAge, format::age(health.simAgeMs),
                health.simAgeMs > kStaleSimAgeMs ? Tone::Warning : Tone::Normal);
        present(labels.wallAge, format::age(health.wallAgeMs),
                health.wallAgeMs > kStaleWallAgeMs ? Tone::Warning : Tone::Normal);
    }
}

theme::Tone HealthPanel::botTone(const BotRow &bot)
{
    if (bot.process == BotProcessState::Failed || bot.link == BotLinkState::Down)
        return Tone::Loss;
    if (bot.link == BotLinkState::NotSeen || bot.process == BotProcessState::Backoff
        || bot.process == BotProcessState::Stopped)
        return Tone::Warning;
    return Tone::Profit;
}

void HealthPanel::rebuildBots(const std::vector<BotRow> &bots)
{
    bool sameNames = bots.size() == m_bots.size();
    for (std::size_t i = 0; sameNames && i < bots.size(); ++i)
        sameNames = m_bots[i].name == QString::fromStdString(bots[i].name);
    if (sameNames && !m_bots.empty())
        return;
    for (BotLabels &labels : m_bots) {
        std::vector<QLabel *> all = {labels.dot, labels.nameLabel};
        all.insert(all.end(), labels.cells.begin(), labels.cells.end());
        for (QLabel *label : all) {
            m_botGrid->removeWidget(label);
            delete label;
        }
    }
    m_bots.clear();
    m_botsTitle->setVisible(!bots.empty());
    for (QWidget *header : m_botHeader)
        header->setVisible(!bots.empty());
    int row = 1;
    for (const BotRow &bot : bots) {
        BotLabels labels;
        labels.name = QString::fromStdString(bot.name);
        labels.dot = new QLabel(this);
        labels.dot->setFont(theme::monospaceFont(12));
        labels.nameLabel = new QLabel(labels.name, this);
        labels.nameLabel->setToolTip(tr("Strategy key %1").arg(QString::fromStdString(bot.key)));
        m_botGrid->addWidget(labels.dot, row, 0);
        m_botGrid->addWidget(labels.nameLabel, row, 1);
        for (int column = 0; column < kBotColumnCount; ++column) {
            QLabel *cell = column == int(BotColumn::Status) || column == int(BotColumn::Process) ? new QLabel(this)
                                                                                                 : number(this, 13);
            if (column == int(BotColumn::Status))
                cell->setFont(theme::monospaceFont(13, QFont::Bold));
            labels.cells[static_cast<std::size_t>(column)] = cell;
            m_botGrid->addWidget(cell, row, column + 2);
        }
        m_bots.push_back(labels);
        ++row;
    }
}

void HealthPanel::applyBots(const std::vector<BotRow> &bots)
{
    rebuildBots(bots);
    for (std::size_t i = 0; i < m_bots.size(); ++i) {
        const BotRow &bot = bots[i];
        const BotLabels &labels = m_bots[i];
        const Tone tone = botTone(bot);
        auto cell = [&labels](BotColumn column) { return labels.cells[static_cast<std::size_t>(column)]; };
        present(labels.dot, QStringLiteral("●"), tone);
        const QString status = bot.link == BotLinkState::Up     ? tr("UP")
                               : bot.link == BotLinkState::Down ? tr("DOWN")
                                                                : tr("NOT SEEN");
        present(cell(BotColumn::Status), status,
                bot.link == BotLinkState::Up ? Tone::Profit
                                             : (bot.link == BotLinkState::Down ? Tone::Loss : Tone::Warning));
        const QString onLost = bot.onLost == BotLostAction::Flatten        ? tr("flattened")
                               : bot.onLost == BotLostAction::CancelOrders ? tr("its orders cancelled")
                                                                           : tr("its orders left as they are");
        cell(BotColumn::Status)
            ->setToolTip(tr("Down when its trade_updates stream is closed and it has been silent more than %1 s; "
                            "then %2")
                             .arg(bot.heartbeatSeconds)
                             .arg(onLost));
        present(cell(BotColumn::Streams), QString::number(bot.streams), Tone::Normal);
        present(cell(BotColumn::LastSeen), bot.lastSeenWall > 0 ? format::age(bot.silentMs) : tr("never"),
                // Silence counts only without a stream: a bot that only listens is well.
                bot.streams == 0 && bot.lastSeenWall > 0 && bot.silentMs > std::int64_t{bot.heartbeatSeconds} * 1'000
                    ? Tone::Warning
                    : Tone::Normal);
        QString process;
        Tone processTone = Tone::Normal;
        switch (bot.process) {
        case BotProcessState::Unsupervised:
            process = tr("not supervised");
            processTone = Tone::Muted;
            break;
        case BotProcessState::Starting: process = tr("starting"); break;
        case BotProcessState::Running: process = tr("running"); break;
        case BotProcessState::Backoff:
            process = tr("restarting");
            processTone = Tone::Warning;
            break;
        case BotProcessState::Failed:
            process = tr("FAILED");
            processTone = Tone::Loss;
            break;
        case BotProcessState::Stopped:
            process = tr("stopped");
            processTone = Tone::Warning;
            break;
        }
        present(cell(BotColumn::Process), process, processTone);
        QString lastExit;
        if (bot.lastExit == BotExitKind::Exited)
            lastExit = tr("last exit: status %1").arg(bot.lastExitCode);
        else if (bot.lastExit == BotExitKind::Crashed)
            lastExit = tr("last exit: killed by a signal");
        else if (bot.lastExit == BotExitKind::FailedToStart)
            lastExit = tr("its program could not be started (see the alerts)");
        cell(BotColumn::Process)->setToolTip(lastExit);
        present(cell(BotColumn::Restarts),
                bot.process == BotProcessState::Unsupervised ? format::none() : QString::number(bot.restarts),
                bot.restarts > 0 ? Tone::Warning : Tone::Normal);
    }
}

QString HealthPanel::botText(const QString &name, BotColumn column) const
{
    for (const BotLabels &labels : m_bots)
        if (labels.name == name)
            return labels.cells[static_cast<std::size_t>(column)]->text();
    return {};
}

HealthPanel::ComponentState HealthPanel::componentState(const ComponentHealth &health)
{
    if (!health.up)
        return ComponentState::Down;
    return health.wallAgeMs > kStaleWallAgeMs || health.simAgeMs > kStaleSimAgeMs ? ComponentState::Stale
                                                                                  : ComponentState::Up;
}

theme::Tone HealthPanel::componentTone(ComponentState state)
{
    switch (state) {
    case ComponentState::Up: return theme::Tone::Profit;
    case ComponentState::Stale: return theme::Tone::Warning;
    case ComponentState::Down: return theme::Tone::Loss;
    }
    return theme::Tone::Loss;
}

void HealthPanel::rebuildComponents(const std::vector<ComponentHealth> &components)
{
    bool sameNames = components.size() == m_components.size();
    for (std::size_t i = 0; sameNames && i < components.size(); ++i)
        sameNames = m_components[i].name == QString::fromStdString(components[i].name);
    if (sameNames)
        return;

    for (ComponentLabels &labels : m_components) {
        for (QLabel *label : {labels.dot, labels.nameLabel, labels.status, labels.simAge, labels.wallAge}) {
            m_componentGrid->removeWidget(label);
            delete label;
        }
    }
    m_components.clear();
    m_noComponents->setVisible(components.empty());

    int row = 1;
    for (const ComponentHealth &health : components) {
        ComponentLabels labels;
        labels.name = QString::fromStdString(health.name);
        labels.dot = new QLabel(this);
        labels.dot->setFont(theme::monospaceFont(12));
        labels.nameLabel = new QLabel(labels.name, this);
        labels.status = new QLabel(this);
        labels.status->setFont(theme::monospaceFont(13, QFont::Bold));
        labels.simAge = number(this, 13);
        labels.wallAge = number(this, 13);
        m_componentGrid->addWidget(labels.dot, row, 0);
        m_componentGrid->addWidget(labels.nameLabel, row, 1);
        m_componentGrid->addWidget(labels.status, row, 2);
        m_componentGrid->addWidget(labels.simAge, row, 3);
        m_componentGrid->addWidget(labels.wallAge, row, 4);
        m_components.push_back(labels);
        ++row;
    }
}

QString HealthPanel::latencyText(Path path, Percentile percentile) const
{
    return m_latency[cellIndex(path, percentile)]->text();
}

Tone HealthPanel::latencyTone(Path path, Percentile percentile) const
{
    return m_latencyTones[cellIndex(path, percentile)];
}

QString HealthPanel::rejectRateText() const { return m_rejectRate->text(); }

QString HealthPanel::componentStatusText(const QString &name) const
{
    for (const ComponentLabels &labels : m_components) {
        if (labels.name == name)
            return labels.status->text();
    }
    return {};
}

QString HealthPanel::diskText() const { return m_disk->text(); }
theme::Tone HealthPanel::diskTone() const { return m_diskTone; }
QString HealthPanel::cpuText() const { return m_cpu->text(); }
QString HealthPanel::memoryText() const { return m_memory->text(); }

} // namespace vigil
