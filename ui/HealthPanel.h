#pragma once
// System health at a glance: activity counters (events, orders, fills, rejects, working
// orders), latency percentiles (feed, broker acknowledgement, tick-to-order), the
// heartbeat of every component, each coloured by its state, and the operators' bots (up or
// down by the lost-bot rule, their streams, when last seen, their process and restarts;
// shown only when bots are configured). GUI thread only.

#include "Theme.h"

#include "api/Snapshot.h"

#include <QFrame>

#include <array>
#include <cstdint>
#include <vector>

class QGridLayout;
class QLabel;

namespace vigil {

class HealthPanel final : public QFrame {
    Q_OBJECT

public:
    /// Latency alert levels: at or above `warning` amber, at or above `alert` red.
    struct LatencyThresholds {
        std::int64_t warningNs;
        std::int64_t alertNs;
    };
    static constexpr LatencyThresholds kFeedThresholds{500 * kNsPerMs, 1'000 * kNsPerMs};
    static constexpr LatencyThresholds kAckThresholds{500 * kNsPerMs, 1'000 * kNsPerMs};
    static constexpr LatencyThresholds kTickToOrderThresholds{1 * kNsPerMs, 10 * kNsPerMs};
    /// A heartbeat older than this (wall time) means a stalled thread.
    static constexpr std::int64_t kStaleWallAgeMs = 2'000;
    /// A heartbeat older than this (simulated time) means a silent component (the feed's
    /// silence kill trigger is two minutes).
    static constexpr std::int64_t kStaleSimAgeMs = 120'000;

    enum class Path : int { Feed, Acknowledgement, TickToOrder };
    static constexpr int kPathCount = 3;
    enum class Percentile : int { P50, P95, P99 };
    static constexpr int kPercentileCount = 3;

    /// A component's state: down (its own word), stale (a heartbeat older than the limits
    /// above) or up; and its tone (red, amber, green).
    enum class ComponentState { Up, Stale, Down };
    static ComponentState componentState(const ComponentHealth &health);
    static theme::Tone componentTone(ComponentState state);

    explicit HealthPanel(QWidget *parent = nullptr);
    /// Off when a dock title already names the panel.
    void setTitleVisible(bool visible);

    void applySnapshot(const Snapshot &snapshot);

    QString latencyText(Path path, Percentile percentile) const;
    theme::Tone latencyTone(Path path, Percentile percentile) const;
    /// "UP" or "DOWN" for a component shown in the panel; empty when it is not shown.
    QString componentStatusText(const QString &name) const;
    /// Rejections as a share of orders, e.g. "1.53% of orders".
    QString rejectRateText() const;
    int componentCount() const { return static_cast<int>(m_components.size()); }

    /// The bots' columns, in the order shown.
    enum class BotColumn : int { Status, Streams, LastSeen, Process, Restarts };
    static constexpr int kBotColumnCount = 5;
    /// The text of bot `name`'s (its display name) cell; empty when it is not shown.
    QString botText(const QString &name, BotColumn column) const;
    int botCount() const { return static_cast<int>(m_bots.size()); }
    static theme::Tone botTone(const BotRow &bot);
    /// Free space on the data volume, e.g. "71.9 GB (28.5%)", and its tone: red under
    /// kDiskAlertFreePct, amber under kDiskWarnFreePct.
    QString diskText() const;
    theme::Tone diskTone() const;
    QString cpuText() const;
    QString memoryText() const;
    static constexpr double kDiskAlertFreePct = 10.0;
    static constexpr double kDiskWarnFreePct = 20.0;

    static theme::Tone toneFor(std::int64_t latencyNs, LatencyThresholds thresholds);

    /// A real broker's links, one row each, shown only on such a venue.
    enum class LinkRow : int { OrderStream, MarketData, RestBudget };
    static constexpr int kLinkRowCount = 3;
    /// The text of a link row's value (e.g. "REST fallback · stream reconnecting, 2 reconnects");
    /// empty on the simulator.
    QString linkText(LinkRow row) const;
    theme::Tone linkTone(LinkRow row) const;

private:
    void applyLinks(const VenueLinks &links);
    QLabel *m_title = nullptr;
    struct ComponentLabels {
        QString name;
        QLabel *dot = nullptr;
        QLabel *nameLabel = nullptr;
        QLabel *status = nullptr;
        QLabel *simAge = nullptr;
        QLabel *wallAge = nullptr;
    };
    void rebuildComponents(const std::vector<ComponentHealth> &components);
    struct BotLabels {
        QString name;
        QLabel *dot = nullptr;
        QLabel *nameLabel = nullptr;
        std::array<QLabel *, kBotColumnCount> cells{};
    };
    void rebuildBots(const std::vector<BotRow> &bots);
    void applyBots(const std::vector<BotRow> &bots);
    static std::size_t cellIndex(Path path, Percentile percentile);

    QLabel *m_events = nullptr;
    QLabel *m_orders = nullptr;
    QLabel *m_fills = nullptr;
    QLabel *m_rejects = nullptr;
    QLabel *m_working = nullptr;
    QLabel *m_rejectRate = nullptr;
    QLabel *m_cpu = nullptr;
    QLabel *m_memory = nullptr;
    QLabel *m_disk = nullptr;
    theme::Tone m_diskTone = theme::Tone::Muted;
    std::array<QLabel *, kPathCount * kPercentileCount> m_latency{};
    std::array<theme::Tone, kPathCount * kPercentileCount> m_latencyTones{};
    std::array<QLabel *, kPathCount> m_samples{};
    QGridLayout *m_componentGrid = nullptr;
    QLabel *m_noComponents = nullptr;
    std::vector<ComponentLabels> m_components;
    QWidget *m_botsTitle = nullptr;
    QGridLayout *m_botGrid = nullptr;
    std::vector<QWidget *> m_botHeader; ///< the grid's captions, shown with the first bot
    std::vector<BotLabels> m_bots;
    QWidget *m_linksTitle = nullptr;
    std::array<QLabel *, kLinkRowCount> m_linkCaptions{};
    std::array<QLabel *, kLinkRowCount> m_links{};
    std::array<theme::Tone, kLinkRowCount> m_linkTones{};
};

} // namespace vigil
