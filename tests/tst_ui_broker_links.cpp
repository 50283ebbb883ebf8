// The health panel's "Broker links" section: shown only on a real broker's venue, and what
// it says of the order stream, the market data source and the REST budget, with the tone
// that draws the operator's eye (amber: degraded or near the budget; red: rate-limited).
// VIGIL_GRAB_DIR=DIR keeps a picture of the panel in the REST fallback.

#include "HealthPanel.h"
#include "Theme.h"
#include "api/Snapshot.h"

#include <QDir>
#include <QTest>

using namespace vigil;
using Row = HealthPanel::LinkRow;

class UiBrokerLinksTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theSimulatorShowsNoBrokerLinks()
    {
        HealthPanel panel;
        panel.show();
        panel.applySnapshot(Snapshot{});
        QCOMPARE(panel.linkText(Row::OrderStream), QString());
        QCOMPARE(panel.linkText(Row::RestBudget), QString());
    }

    void aRealBrokersLinksAreSaidAsTheyStand()
    {
        HealthPanel panel;
        panel.resize(520, 900);
        panel.show();
        Snapshot s;
        s.venueLinks.applies = true;
        s.venueLinks.tradeStream = LinkState::Up;
        s.venueLinks.dataStream = LinkState::Up;
        s.venueLinks.marketData = MarketDataSource::Stream;
        s.venueLinks.requestsLastMinute = 37;
        s.venueLinks.requestBudget = 190;
        panel.applySnapshot(s);
        QCOMPARE(panel.linkText(Row::OrderStream), QStringLiteral("up"));
        QCOMPARE(panel.linkText(Row::MarketData), QStringLiteral("stream"));
        QCOMPARE(panel.linkText(Row::RestBudget), QStringLiteral("37 of 190 a minute"));
        QVERIFY(panel.linkTone(Row::RestBudget) == theme::Tone::Normal);

        // The stream gone silent: quotes from REST, the stream reconnecting, the budget near.
        s.venueLinks.tradeStream = LinkState::CatchingUp;
        s.venueLinks.tradeReconnects = 2;
        s.venueLinks.dataStream = LinkState::Reconnecting;
        s.venueLinks.marketData = MarketDataSource::RestFallback;
        s.venueLinks.dataReconnects = 1;
        s.venueLinks.requestsLastMinute = 180;
        s.venueLinks.requestsWaiting = 3;
        panel.applySnapshot(s);
        QCOMPARE(panel.linkText(Row::OrderStream), QStringLiteral("catching up · 2 reconnects"));
        QCOMPARE(panel.linkText(Row::MarketData), QStringLiteral("REST fallback · stream reconnecting · 1 reconnect"));
        QVERIFY(panel.linkTone(Row::MarketData) == theme::Tone::Warning);
        QCOMPARE(panel.linkText(Row::RestBudget), QStringLiteral("180 of 190 a minute · 3 waiting"));
        QVERIFY(panel.linkTone(Row::RestBudget) == theme::Tone::Warning);
        if (const QString dir = qEnvironmentVariable("VIGIL_GRAB_DIR"); !dir.isEmpty())
            panel.grab().save(QDir(dir).filePath(QStringLiteral("broker-links.png")));

        // The broker's own 429: red until its reset.
        s.venueLinks.rateLimitedUntilNs = 1;
        panel.applySnapshot(s);
        QVERIFY(panel.linkText(Row::RestBudget).endsWith(QStringLiteral("rate limited by the broker")));
        QVERIFY(panel.linkTone(Row::RestBudget) == theme::Tone::Loss);
    }
};

QTEST_MAIN(UiBrokerLinksTest)
#include "tst_ui_broker_links.moc"
