// The configuration loader: the example file equals the built-in defaults, overrides
// take effect, and every kind of bad input is reported with file, line, key and reason.

#include "api/Config.h"
#include "api/ConfigLoader.h"

#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace vigil;

namespace {

constexpr const char *kSourceName = "test.toml";

QString text(const std::string &value) { return QString::fromStdString(value); }

QString allErrors(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigError &error : result.errors)
        lines << text(error.toString());
    return lines.join(QLatin1Char('\n'));
}

ConfigLoadResult parse(const char *toml) { return parseConfigText(toml, kSourceName); }

// Collects every difference rather than stopping at the first, so one failing run shows
// all the values that drifted between the example file and defaultConfig().
class ConfigDiff {
public:
    template<typename T> void compare(const QString &field, const T &actual, const T &expected)
    {
        if (!(actual == expected))
            m_differences << field;
    }
    void compareSymbols(const std::vector<SymbolSpec> &actual, const std::vector<SymbolSpec> &expected);
    void compareFaults(const std::vector<FaultSpec> &actual, const std::vector<FaultSpec> &expected);
    QString report() const { return QStringLiteral("differing fields: ") + m_differences.join(QStringLiteral(", ")); }
    bool isEmpty() const { return m_differences.isEmpty(); }

private:
    QStringList m_differences;
};

void ConfigDiff::compareSymbols(const std::vector<SymbolSpec> &actual, const std::vector<SymbolSpec> &expected)
{
    compare(QStringLiteral("simulator.symbols.size"), actual.size(), expected.size());
    for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        const QString prefix = QStringLiteral("simulator.symbols[%1].").arg(i);
        compare(prefix + QStringLiteral("symbol"), actual[i].symbol, expected[i].symbol);
        compare(prefix + QStringLiteral("reference_price"), actual[i].referencePrice, expected[i].referencePrice);
        compare(prefix + QStringLiteral("annual_volatility"), actual[i].annualVolatility, expected[i].annualVolatility);
        compare(prefix + QStringLiteral("mean_quote_interval_ms"), actual[i].meanQuoteIntervalMs,
                expected[i].meanQuoteIntervalMs);
    }
}

void ConfigDiff::compareFaults(const std::vector<FaultSpec> &actual, const std::vector<FaultSpec> &expected)
{
    compare(QStringLiteral("simulator.faults.size"), actual.size(), expected.size());
    for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
        const QString prefix = QStringLiteral("simulator.faults[%1].").arg(i);
        compare(prefix + QStringLiteral("kind"), actual[i].kind, expected[i].kind);
        compare(prefix + QStringLiteral("at"), actual[i].startSecondOfDay, expected[i].startSecondOfDay);
        compare(prefix + QStringLiteral("duration_s"), actual[i].durationSeconds, expected[i].durationSeconds);
        compare(prefix + QStringLiteral("count"), actual[i].count, expected[i].count);
        compare(prefix + QStringLiteral("extra_latency_ms"), actual[i].extraLatencyMs, expected[i].extraLatencyMs);
    }
}

/// Every field except sourceFile (which says where a value came from, not what it is).
ConfigDiff diffConfigs(const Config &actual, const Config &expected)
{
    ConfigDiff diff;
    const SimulatorConfig &simA = actual.simulator, &simE = expected.simulator;
    diff.compareSymbols(simA.symbols, simE.symbols);
    diff.compare(QStringLiteral("simulator.speed"), simA.speed, simE.speed);
    diff.compare(QStringLiteral("simulator.feed_latency_min_us"), simA.feedLatencyMinUs, simE.feedLatencyMinUs);
    diff.compare(QStringLiteral("simulator.feed_latency_mean_us"), simA.feedLatencyMeanUs, simE.feedLatencyMeanUs);
    diff.compareFaults(simA.faults, simE.faults);

    diff.compare(QStringLiteral("venue.kind"), actual.venue.kind, expected.venue.kind);
    diff.compare(QStringLiteral("venue.environment"), actual.venue.alpaca.environment,
                 expected.venue.alpaca.environment);
    diff.compare(QStringLiteral("venue.live_trading"), actual.venue.alpaca.liveConfirmed,
                 expected.venue.alpaca.liveConfirmed);
    const SimulatedBrokerConfig &paperA = actual.broker.paper, &paperE = expected.broker.paper;
    diff.compare(QStringLiteral("broker.paper.starting_cash"), paperA.startingCash, paperE.startingCash);
    diff.compare(QStringLiteral("broker.paper.buying_power_multiplier"), paperA.buyingPowerMultiplier,
                 paperE.buyingPowerMultiplier);
    diff.compare(QStringLiteral("broker.paper.order_latency_min_us"), paperA.orderLatencyMinUs,
                 paperE.orderLatencyMinUs);
    diff.compare(QStringLiteral("broker.paper.order_latency_mean_us"), paperA.orderLatencyMeanUs,
                 paperE.orderLatencyMeanUs);
    diff.compare(QStringLiteral("broker.paper.fee_per_share"), paperA.feePerShare, paperE.feePerShare);
    diff.compare(QStringLiteral("broker.paper.min_fee_per_order"), paperA.minFeePerOrder, paperE.minFeePerOrder);

    const IntradayStrategyConfig &dayA = actual.strategies.intraday, &dayE = expected.strategies.intraday;
    diff.compare(QStringLiteral("strategies.intraday.enabled"), dayA.enabled, dayE.enabled);
    diff.compare(QStringLiteral("strategies.intraday.symbols"), dayA.symbols, dayE.symbols);
    diff.compare(QStringLiteral("strategies.intraday.ema_ticks"), dayA.emaTicks, dayE.emaTicks);
    diff.compare(QStringLiteral("strategies.intraday.entry_bps"), dayA.entryBps, dayE.entryBps);
    diff.compare(QStringLiteral("strategies.intraday.exit_bps"), dayA.exitBps, dayE.exitBps);
    diff.compare(QStringLiteral("strategies.intraday.stop_bps"), dayA.stopBps, dayE.stopBps);
    diff.compare(QStringLiteral("strategies.intraday.notional_per_trade"), dayA.notionalPerTrade,
                 dayE.notionalPerTrade);
    diff.compare(QStringLiteral("strategies.intraday.cooldown_s"), dayA.cooldownSeconds, dayE.cooldownSeconds);
    diff.compare(QStringLiteral("strategies.intraday.no_entry_after"), dayA.noEntryAfterSecondOfDay,
                 dayE.noEntryAfterSecondOfDay);
    diff.compare(QStringLiteral("strategies.intraday.flatten_at"), dayA.flattenAtSecondOfDay,
                 dayE.flattenAtSecondOfDay);

    const SwingStrategyConfig &swingA = actual.strategies.swing, &swingE = expected.strategies.swing;
    diff.compare(QStringLiteral("strategies.swing.enabled"), swingA.enabled, swingE.enabled);
    diff.compare(QStringLiteral("strategies.swing.symbols"), swingA.symbols, swingE.symbols);
    diff.compare(QStringLiteral("strategies.swing.rebalance_minutes"), swingA.rebalanceMinutes,
                 swingE.rebalanceMinutes);
    diff.compare(QStringLiteral("strategies.swing.top_n"), swingA.topN, swingE.topN);
    diff.compare(QStringLiteral("strategies.swing.notional_per_position"), swingA.notionalPerPosition,
                 swingE.notionalPerPosition);

    diff.compare(QStringLiteral("risk.max_order_qty"), actual.risk.maxOrderQty, expected.risk.maxOrderQty);
    diff.compare(QStringLiteral("risk.max_order_notional"), actual.risk.maxOrderNotional,
                 expected.risk.maxOrderNotional);
    diff.compare(QStringLiteral("risk.max_position_notional"), actual.risk.maxPositionNotional,
                 expected.risk.maxPositionNotional);
    diff.compare(QStringLiteral("risk.max_gross_exposure_pct"), actual.risk.maxGrossExposurePct,
                 expected.risk.maxGrossExposurePct);
    diff.compare(QStringLiteral("risk.price_collar_pct"), actual.risk.priceCollarPct, expected.risk.priceCollarPct);
    diff.compare(QStringLiteral("risk.max_open_orders"), actual.risk.maxOpenOrders, expected.risk.maxOpenOrders);
    diff.compare(QStringLiteral("risk.max_orders_per_second"), actual.risk.maxOrdersPerSecond,
                 expected.risk.maxOrdersPerSecond);
    diff.compare(QStringLiteral("risk.duplicate_window_ms"), actual.risk.duplicateWindowMs,
                 expected.risk.duplicateWindowMs);
    diff.compare(QStringLiteral("risk.throttle_fills"), actual.risk.throttleFills, expected.risk.throttleFills);
    diff.compare(QStringLiteral("risk.throttle_window_seconds"), actual.risk.throttleWindowSeconds,
                 expected.risk.throttleWindowSeconds);
    diff.compare(QStringLiteral("risk.kill_drawdown_pct"), actual.risk.killDrawdownPct, expected.risk.killDrawdownPct);
    diff.compare(QStringLiteral("risk.kill_broker_errors"), actual.risk.killBrokerErrors,
                 expected.risk.killBrokerErrors);
    diff.compare(QStringLiteral("risk.kill_feed_silence_seconds"), actual.risk.killFeedSilenceSeconds,
                 expected.risk.killFeedSilenceSeconds);
    diff.compare(QStringLiteral("risk.warn_at_pct"), actual.risk.warnAtPct, expected.risk.warnAtPct);
    diff.compare(QStringLiteral("risk.trigger_confirm_seconds"), actual.risk.triggerConfirmSeconds,
                 expected.risk.triggerConfirmSeconds);
    diff.compare(QStringLiteral("risk.latency_alert_p95_ms"), actual.risk.latencyAlertP95Ms,
                 expected.risk.latencyAlertP95Ms);

    const ChecklistConfig &ca = actual.checklists, &ce = expected.checklists;
    diff.compare(QStringLiteral("checklists.heartbeat_max_age_seconds"), ca.heartbeatMaxAgeSeconds,
                 ce.heartbeatMaxAgeSeconds);
    diff.compare(QStringLiteral("checklists.feed_max_age_seconds"), ca.feedMaxAgeSeconds, ce.feedMaxAgeSeconds);
    diff.compare(QStringLiteral("checklists.disk_free_fail_pct"), ca.diskFreeFailPct, ce.diskFreeFailPct);
    diff.compare(QStringLiteral("checklists.disk_free_warn_pct"), ca.diskFreeWarnPct, ce.diskFreeWarnPct);
    diff.compare(QStringLiteral("checklists.overnight_gap_pct"), ca.overnightGapPct, ce.overnightGapPct);
    diff.compare(QStringLiteral("checklists.strategy_max_age_days"), ca.strategyMaxAgeDays, ce.strategyMaxAgeDays);
    diff.compare(QStringLiteral("checklists.backup_max_age_hours"), ca.backupMaxAgeHours, ce.backupMaxAgeHours);
    diff.compare(QStringLiteral("checklists.premarket_at"), ca.premarketSecondOfDay, ce.premarketSecondOfDay);
    diff.compare(QStringLiteral("checklists.end_of_day_at"), ca.endOfDaySecondOfDay, ce.endOfDaySecondOfDay);
    diff.compare(QStringLiteral("strategies.intraday.deployed"), actual.strategies.intraday.deployed.has_value(),
                 expected.strategies.intraday.deployed.has_value());
    diff.compare(QStringLiteral("strategies.swing.deployed"), actual.strategies.swing.deployed.has_value(),
                 expected.strategies.swing.deployed.has_value());

    diff.compare(QStringLiteral("backup.dir"), actual.backup.dir, expected.backup.dir);
    diff.compare(QStringLiteral("backup.keep_daily"), actual.backup.keepDaily, expected.backup.keepDaily);
    diff.compare(QStringLiteral("backup.keep_weekly"), actual.backup.keepWeekly, expected.backup.keepWeekly);
    diff.compare(QStringLiteral("backup.keep_monthly"), actual.backup.keepMonthly, expected.backup.keepMonthly);
    diff.compare(QStringLiteral("backup.intraday_every_minutes"), actual.backup.intradayEveryMinutes,
                 expected.backup.intradayEveryMinutes);
    diff.compare(QStringLiteral("backup.keep_intraday"), actual.backup.keepIntraday, expected.backup.keepIntraday);
    const IncidentsConfig &incA = actual.incidents, &incE = expected.incidents;
    diff.compare(QStringLiteral("incidents.broker_unreachable_seconds"), incA.brokerUnreachableSeconds,
                 incE.brokerUnreachableSeconds);
    diff.compare(QStringLiteral("incidents.feed_silent_seconds"), incA.feedSilentSeconds, incE.feedSilentSeconds);
    diff.compare(QStringLiteral("incidents.refusal_burst"), incA.refusalBurst, incE.refusalBurst);
    diff.compare(QStringLiteral("incidents.refusal_burst_seconds"), incA.refusalBurstSeconds, incE.refusalBurstSeconds);
    diff.compare(QStringLiteral("reconciliation.every_seconds"), actual.reconciliation.everySeconds,
                 expected.reconciliation.everySeconds);
    diff.compare(QStringLiteral("reconciliation.min_wall_interval_ms"), actual.reconciliation.minWallIntervalMs,
                 expected.reconciliation.minWallIntervalMs);
    diff.compare(QStringLiteral("reconciliation.cash_tolerance"), actual.reconciliation.cashTolerance.raw(),
                 expected.reconciliation.cashTolerance.raw());
    diff.compare(QStringLiteral("paths.data_dir"), actual.paths.dataDir, expected.paths.dataDir);
    const GatewayConfig &ga = actual.gateway, &ge = expected.gateway;
    diff.compare(QStringLiteral("gateway.enabled"), ga.enabled, ge.enabled);
    diff.compare(QStringLiteral("gateway.listen_address"), ga.listenAddress, ge.listenAddress);
    diff.compare(QStringLiteral("gateway.port"), ga.port, ge.port);
    diff.compare(QStringLiteral("gateway.tls_certificate_file"), ga.tlsCertificateFile, ge.tlsCertificateFile);
    diff.compare(QStringLiteral("gateway.tls_key_file"), ga.tlsKeyFile, ge.tlsKeyFile);
    diff.compare(QStringLiteral("gateway.max_connections"), ga.maxConnections, ge.maxConnections);
    diff.compare(QStringLiteral("gateway.max_body_bytes"), ga.maxBodyBytes, ge.maxBodyBytes);
    diff.compare(QStringLiteral("gateway.request_timeout_ms"), ga.requestTimeoutMs, ge.requestTimeoutMs);
    diff.compare(QStringLiteral("bots (count)"), actual.bots.size(), expected.bots.size());
    return diff;
}

const SymbolSpec *findSymbol(const Config &config, std::string_view symbol)
{
    for (const SymbolSpec &spec : config.simulator.symbols)
        if (spec.symbol == symbol)
            return &spec;
    return nullptr;
}

} // namespace

class TestConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultUniverseIsRealistic();
    void exampleFileEqualsDefaults();
    void emptyTextGivesDefaults();
    void overridesTakeEffect();
    void replacedUniverseDrivesStrategyChecks();
    void gatewayAndBotsAreRead();
    void gatewayTlsFilesGoTogether();
    void alpacaVenueIsRead();
    void exampleDocumentsEveryAlpacaKey();
    void singleErrorIsReported_data();
    void singleErrorIsReported();
    void syntaxErrorNamesLineAndKey();
    void severalErrorsAreAllReported();
    void missingFileNamesThePath();
    void errorTextFormat();
};

void TestConfig::defaultUniverseIsRealistic()
{
    const Config config = defaultConfig();
    QCOMPARE(config.simulator.symbols.size(), std::size_t(24));
    QVERIFY(config.sourceFile.empty());
    QCOMPARE(config.simulator.speed, 60.0);

    std::set<std::string> seen;
    for (const SymbolSpec &spec : config.simulator.symbols) {
        QVERIFY2(seen.insert(spec.symbol).second, spec.symbol.c_str());
        QVERIFY2(spec.referencePrice > Price{}, spec.symbol.c_str());
        QVERIFY2(spec.annualVolatility >= 0.15 && spec.annualVolatility <= 0.60, spec.symbol.c_str());
        QVERIFY2(spec.meanQuoteIntervalMs >= 250 && spec.meanQuoteIntervalMs <= 1200, spec.symbol.c_str());
    }
    QCOMPARE(findSymbol(config, "AAPL")->referencePrice, *Price::parse("228.50"));
    QCOMPARE(findSymbol(config, "KO")->referencePrice, *Price::parse("62.35"));
    QCOMPARE(findSymbol(config, "INTC")->referencePrice, *Price::parse("22.85"));
    // The wild names are wilder than the staples, and the busiest names quote faster.
    for (const char *wild : {"TSLA", "NVDA", "AMD"}) {
        QVERIFY(findSymbol(config, wild)->annualVolatility > findSymbol(config, "KO")->annualVolatility);
        QVERIFY(findSymbol(config, wild)->annualVolatility > findSymbol(config, "AAPL")->annualVolatility);
    }
    QVERIFY(findSymbol(config, "AAPL")->meanQuoteIntervalMs < findSymbol(config, "CSCO")->meanQuoteIntervalMs);
}

void TestConfig::exampleFileEqualsDefaults()
{
    const QString sourceDir = qEnvironmentVariable("VIGIL_SOURCE_DIR");
    QVERIFY2(!sourceDir.isEmpty(), "VIGIL_SOURCE_DIR must name the source tree");
    const std::string path = (sourceDir + QStringLiteral("/resources/vigil.example.toml")).toStdString();

    const ConfigLoadResult result = loadConfigFile(path);
    QVERIFY2(result.ok(), qPrintable(allErrors(result)));
    QCOMPARE(result.config->sourceFile, path);
    const ConfigDiff diff = diffConfigs(*result.config, defaultConfig());
    QVERIFY2(diff.isEmpty(), qPrintable(diff.report()));
}

void TestConfig::emptyTextGivesDefaults()
{
    const ConfigLoadResult result = parse("# nothing but a comment\n");
    QVERIFY2(result.ok(), qPrintable(allErrors(result)));
    QCOMPARE(result.config->sourceFile, std::string(kSourceName));
    const ConfigDiff diff = diffConfigs(*result.config, defaultConfig());
    QVERIFY2(diff.isEmpty(), qPrintable(diff.report()));
}

void TestConfig::overridesTakeEffect()
{
    const ConfigLoadResult result = parse(R"(
[simulator]
speed = 0
feed_latency_min_us = 100
feed_latency_mean_us = 900

[[simulator.faults]]
kind = "latency_spike"
at = "10:15:30"
duration_s = 45
extra_latency_ms = 2500

[[simulator.faults]]
kind = "error_burst"
at = 11:00:00
count = 7

[broker]
kind = "paper"
[broker.paper]
starting_cash = "250000.50"
buying_power_multiplier = 4
fee_per_share = "0.0035"
min_fee_per_order = "0.35"
order_latency_min_us = 2000
order_latency_mean_us = 2000

[strategies.intraday]
enabled = false
symbols = ["AAPL", "TSLA"]
entry_bps = 30.5
flatten_at = "15:50:00"

deployed = 2026-08-03

[strategies.swing]
top_n = 24
notional_per_position = "12345.6789"
deployed = "2025-12-31"

[risk]
max_order_qty = 1_500
max_gross_exposure_pct = 200

[checklists]
feed_max_age_seconds = 120
disk_free_fail_pct = 5
disk_free_warn_pct = 8.5
premarket_at = "08:15:00"
end_of_day_at = 16:30:00

[backup]
dir = "/mnt/offsite/vigil"
keep_daily = 7
intraday_every_minutes = 0

[reconciliation]
every_seconds = 30
min_wall_interval_ms = 5000
cash_tolerance = "1.50"

[paths]
data_dir = "/var/lib/vigil"

[incidents]
broker_unreachable_seconds = 30
feed_silent_seconds = 90
refusal_burst = 8
refusal_burst_seconds = 20
)");
    QVERIFY2(result.ok(), qPrintable(allErrors(result)));
    const Config &config = *result.config;
    QCOMPARE(config.incidents.brokerUnreachableSeconds, 30);
    QCOMPARE(config.incidents.feedSilentSeconds, 90);
    QCOMPARE(config.incidents.refusalBurst, 8);
    QCOMPARE(config.incidents.refusalBurstSeconds, 20);
    QCOMPARE(config.simulator.speed, 0.0);
    QCOMPARE(config.simulator.feedLatencyMinUs, 100);
    QCOMPARE(config.simulator.feedLatencyMeanUs, 900);
    QCOMPARE(config.simulator.symbols.size(), std::size_t(24)); // not replaced
    QCOMPARE(config.simulator.faults.size(), std::size_t(2));
    QCOMPARE(config.simulator.faults[0].kind, FaultKind::LatencySpike);
    QCOMPARE(config.simulator.faults[0].startSecondOfDay, 10 * 3600 + 15 * 60 + 30);
    QCOMPARE(config.simulator.faults[0].durationSeconds, 45);
    QCOMPARE(config.simulator.faults[0].extraLatencyMs, 2500);
    QCOMPARE(config.simulator.faults[1].kind, FaultKind::ErrorBurst);
    QCOMPARE(config.simulator.faults[1].startSecondOfDay, 11 * 3600); // unquoted TOML time
    QCOMPARE(config.simulator.faults[1].count, 7);

    QCOMPARE(config.broker.paper.startingCash, Money::fromRaw(2'500'005'000));
    QCOMPARE(config.broker.paper.buyingPowerMultiplier, 4.0);
    QCOMPARE(config.broker.paper.feePerShare, Money::fromRaw(35));
    QCOMPARE(config.broker.paper.minFeePerOrder, Money::fromCents(35));
    QCOMPARE(config.broker.paper.orderLatencyMinUs, 2000);
    QCOMPARE(config.broker.paper.orderLatencyMeanUs, 2000);

    QCOMPARE(config.strategies.intraday.enabled, false);
    QCOMPARE(config.strategies.intraday.symbols, (std::vector<std::string>{"AAPL", "TSLA"}));
    QCOMPARE(config.strategies.intraday.entryBps, 30.5);
    QCOMPARE(config.strategies.intraday.exitBps, 5.0); // untouched default
    QCOMPARE(config.strategies.intraday.flattenAtSecondOfDay, 15 * 3600 + 50 * 60);
    QCOMPARE(config.strategies.swing.topN, 24);
    QCOMPARE(config.strategies.swing.notionalPerPosition, Money::fromRaw(123'456'789));

    QCOMPARE(config.risk.maxOrderQty, Quantity(1500));
    QCOMPARE(config.risk.maxGrossExposurePct, 200.0);
    QCOMPARE(config.risk.maxOrderNotional, Money::fromDollars(250'000)); // untouched default
    QCOMPARE(config.paths.dataDir, std::string("/var/lib/vigil"));
    QCOMPARE(config.checklists.feedMaxAgeSeconds, 120);
    QCOMPARE(config.checklists.diskFreeFailPct, 5.0);
    QCOMPARE(config.checklists.diskFreeWarnPct, 8.5);
    QCOMPARE(config.checklists.premarketSecondOfDay, 8 * 3600 + 15 * 60);
    QCOMPARE(config.checklists.endOfDaySecondOfDay, 16 * 3600 + 30 * 60);
    QCOMPARE(config.checklists.backupMaxAgeHours, 24); // untouched default
    QCOMPARE(config.backup.dir, std::string("/mnt/offsite/vigil"));
    QCOMPARE(config.backup.keepDaily, 7);
    QCOMPARE(config.backup.keepWeekly, 12); // untouched default
    QCOMPARE(config.backup.intradayEveryMinutes, 0);
    QCOMPARE(config.backup.keepIntraday, 3); // untouched default
    QCOMPARE(config.reconciliation.everySeconds, 30);
    QCOMPARE(config.reconciliation.minWallIntervalMs, 5000);
    QCOMPARE(config.reconciliation.cashTolerance, Money::fromCents(150));
    QCOMPARE(defaultConfig().reconciliation.everySeconds, 60);        // a minute of the session's clock
    QCOMPARE(defaultConfig().reconciliation.minWallIntervalMs, 1000); // at most once a wall second
    QCOMPARE(defaultConfig().reconciliation.cashTolerance, Money::fromCents(1));
    QVERIFY(config.strategies.intraday.deployed == (Date{2026, 8, 3})); // a TOML date
    QVERIFY(config.strategies.swing.deployed == (Date{2025, 12, 31}));  // or its text
}

void TestConfig::replacedUniverseDrivesStrategyChecks()
{
    const char *twoSymbols = R"(
[[simulator.symbols]]
symbol = "ABC"
reference_price = "10.25"
annual_volatility = 0.3
mean_quote_interval_ms = 500

[[simulator.symbols]]
symbol = "BRK.B"
reference_price = "455"
annual_volatility = 0.2
mean_quote_interval_ms = 800
)";
    // The default top_n (3) no longer fits a two-symbol universe: reported, not clamped.
    const ConfigLoadResult tooFew = parse(twoSymbols);
    QCOMPARE(tooFew.errors.size(), std::size_t(1));
    QVERIFY(!tooFew.config);
    const QString error = text(tooFew.errors[0].toString());
    QVERIFY2(error.startsWith(QStringLiteral("test.toml: strategies.swing.top_n: the default (3)")), qPrintable(error));

    const std::string fixed = std::string(twoSymbols)
                              + "\n[strategies.swing]\ntop_n = 2\nsymbols = [\"BRK.B\", \"ABC\"]\n"
                                "[strategies.intraday]\nsymbols = [\"AAPL\"]\n";
    const ConfigLoadResult result = parseConfigText(fixed, kSourceName);
    QCOMPARE(result.errors.size(), std::size_t(1));
    QVERIFY2(text(result.errors[0].toString())
                 .contains(QStringLiteral(
                     "strategies.intraday.symbols[0]: symbol \"AAPL\" is not in the simulator universe")),
             qPrintable(allErrors(result)));

    const ConfigLoadResult valid =
        parseConfigText(std::string(twoSymbols) + "\n[strategies.swing]\ntop_n = 2\n", kSourceName);
    QVERIFY2(valid.ok(), qPrintable(allErrors(valid)));
    QCOMPARE(valid.config->simulator.symbols.size(), std::size_t(2));
    QCOMPARE(valid.config->simulator.symbols[1].symbol, std::string("BRK.B"));
    QCOMPARE(valid.config->simulator.symbols[1].referencePrice, Price::fromDollars(455));
    QCOMPARE(valid.config->simulator.symbols[1].meanQuoteIntervalMs, 800);
}

void TestConfig::gatewayAndBotsAreRead()
{
    const ConfigLoadResult result = parse(R"([gateway]
enabled = true
listen_address = "::1"
port = 9000
max_connections = 32
max_body_bytes = 2048
request_timeout_ms = 500

[[bots]]
name = "alpha"
code = "al"

[[bots]]
name = "beta_2"
display_name = "Beta two"
code = "b2"
symbols = ["AAPL", "MSFT"]
intraday = true
buying_power = "25000.50"
max_position_notional = "12000.0001"
max_order_qty = 300
requests_per_minute = 60
heartbeat_seconds = 15
on_lost = "flatten"
command = ["node", "bot.js", "--paper"]
working_directory = "/"
)");
    QVERIFY2(result.ok(), qPrintable(allErrors(result)));
    const GatewayConfig &g = result.config->gateway;
    QVERIFY(g.enabled);
    QCOMPARE(g.listenAddress, std::string("::1"));
    QCOMPARE(g.port, std::uint16_t(9000));
    QCOMPARE(g.maxConnections, 32);
    QCOMPARE(g.maxBodyBytes, std::int64_t(2048));
    QCOMPARE(g.requestTimeoutMs, 500);
    QCOMPARE(result.config->bots.size(), std::size_t(2));
    const BotConfig &a = result.config->bots[0];
    QCOMPARE(a.name, std::string("alpha"));
    QCOMPARE(a.displayName, std::string("alpha")); // the name when none is given
    QCOMPARE(a.code, std::string("al"));
    QVERIFY(a.symbols.empty());
    QCOMPARE(a.buyingPower, BotConfig{}.buyingPower);
    QCOMPARE(int(a.onLost), int(BotLostAction::LeaveOrders));
    QVERIFY(a.command.empty());
    const BotConfig &b = result.config->bots[1];
    QCOMPARE(b.displayName, std::string("Beta two"));
    QCOMPARE(b.symbols, (std::vector<std::string>{"AAPL", "MSFT"}));
    QVERIFY(b.intraday);
    QCOMPARE(b.buyingPower.raw(), std::int64_t(250'005'000)); // exact, in 1/10000
    QCOMPARE(b.maxPositionNotional.raw(), std::int64_t(120'000'001));
    QCOMPARE(b.maxOrderQty, Quantity(300));
    QCOMPARE(b.requestsPerMinute, 60);
    QCOMPARE(b.heartbeatSeconds, 15);
    QCOMPARE(int(b.onLost), int(BotLostAction::Flatten));
    QCOMPARE(b.command, (std::vector<std::string>{"node", "bot.js", "--paper"}));
    QCOMPARE(b.workingDirectory, std::string("/"));
}

void TestConfig::gatewayTlsFilesGoTogether()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString certificate = directory.filePath(QStringLiteral("gateway.crt"));
    const QString key = directory.filePath(QStringLiteral("gateway.key"));
    for (const QString &file : {certificate, key}) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const auto gateway = [](const QString &lines) {
        return parseConfigText((QStringLiteral("[gateway]\n") + lines).toStdString(), kSourceName);
    };
    // Both files: any address may be listened on.
    const ConfigLoadResult both = gateway(QStringLiteral("listen_address = \"0.0.0.0\"\ntls_certificate_file = "
                                                         "\"%1\"\ntls_key_file = \"%2\"\n")
                                              .arg(certificate, key));
    QVERIFY2(both.ok(), qPrintable(allErrors(both)));
    QCOMPARE(both.config->gateway.tlsCertificateFile, certificate.toStdString());
    QCOMPARE(both.config->gateway.tlsKeyFile, key.toStdString());
    // One of them: refused, naming the one missing; the address still needs TLS.
    const ConfigLoadResult one =
        gateway(QStringLiteral("listen_address = \"0.0.0.0\"\ntls_certificate_file = \"%1\"\n").arg(certificate));
    QVERIFY2(one.errors.size() == 2, qPrintable(allErrors(one)));
    QVERIFY2(text(one.errors[0].toString())
                 .startsWith(QStringLiteral("test.toml:2: gateway.listen_address: \"0.0.0.0\" is not a loopback")),
             qPrintable(allErrors(one)));
    QVERIFY2(text(one.errors[1].toString())
                 .startsWith(QStringLiteral("test.toml:3: gateway.tls_certificate_file: TLS needs both "
                                            "tls_certificate_file and tls_key_file; tls_key_file is missing")),
             qPrintable(allErrors(one)));
    // A key file that does not exist.
    const ConfigLoadResult absent = gateway(QStringLiteral("tls_certificate_file = \"%1\"\ntls_key_file = \"%2\"\n")
                                                .arg(certificate, directory.filePath(QStringLiteral("absent.key"))));
    QVERIFY2(absent.errors.size() == 1, qPrintable(allErrors(absent)));
    QVERIFY2(text(absent.errors[0].toString())
                 .startsWith(QStringLiteral("test.toml:3: gateway.tls_key_file: \"%1\" is not an absolute path to an "
                                            "existing file")
                                 .arg(directory.filePath(QStringLiteral("absent.key")))),
             qPrintable(allErrors(absent)));
}

void TestConfig::alpacaVenueIsRead()
{
    const ConfigLoadResult result = parse(R"([venue]
kind = "alpaca"
environment = "live"
live_trading = "real money"
rest_url = "http://127.0.0.1:18080/alpaca"
stream_url = "ws://[::1]:18081/stream"
data_stream_url = "ws://localhost:18082/v2"
data_rest_url = "https://data.example.test:8443/prefix"
feed = "sip"
requests_per_minute = 10000
request_timeout_ms = 100
reconnect_min_ms = 50
reconnect_max_ms = 600000
data_silence_ms = 500
rest_fallback_interval_ms = 60000
)");
    QVERIFY2(result.ok(), qPrintable(allErrors(result)));
    QCOMPARE(int(result.config->venue.kind), int(VenueKind::Alpaca));
    const AlpacaVenueConfig &a = result.config->venue.alpaca;
    QCOMPARE(int(a.environment), int(AlpacaEnvironment::Live));
    QVERIFY(a.liveConfirmed);
    QCOMPARE(a.restUrl, std::string("http://127.0.0.1:18080/alpaca"));
    QCOMPARE(a.streamUrl, std::string("ws://[::1]:18081/stream"));
    QCOMPARE(a.dataStreamUrl, std::string("ws://localhost:18082/v2"));
    QCOMPARE(a.dataRestUrl, std::string("https://data.example.test:8443/prefix"));
    QCOMPARE(int(a.feed), int(AlpacaFeed::Sip));
    QCOMPARE(a.requestsPerMinute, 10000);
    QCOMPARE(a.requestTimeoutMs, 100);
    QCOMPARE(a.reconnectMinMs, 50);
    QCOMPARE(a.reconnectMaxMs, 600000);
    QCOMPARE(a.dataSilenceMs, 500);
    QCOMPARE(a.restFallbackIntervalMs, 60000);

    // Paper with nothing else: the defaults, and empty URLs (Alpaca's own, filled later).
    const ConfigLoadResult paper = parse("[venue]\nkind = \"alpaca\"\nenvironment = \"paper\"\nrest_url = \"\"\n");
    QVERIFY2(paper.ok(), qPrintable(allErrors(paper)));
    const AlpacaVenueConfig &p = paper.config->venue.alpaca;
    QCOMPARE(int(paper.config->venue.kind), int(VenueKind::Alpaca));
    QCOMPARE(int(p.environment), int(AlpacaEnvironment::Paper));
    QVERIFY(!p.liveConfirmed);
    QVERIFY(p.restUrl.empty() && p.streamUrl.empty() && p.dataStreamUrl.empty() && p.dataRestUrl.empty());
    QCOMPARE(int(p.feed), int(AlpacaFeed::Iex));
    QCOMPARE(p.requestsPerMinute, AlpacaVenueConfig{}.requestsPerMinute);
    QCOMPARE(p.reconnectMaxMs, AlpacaVenueConfig{}.reconnectMaxMs);
}

void TestConfig::exampleDocumentsEveryAlpacaKey()
{
    // The example's [venue] block documents the Alpaca keys commented out (the file stays
    // the simulator). Uncommented, with live confirmed, they must load as they are.
    const QString sourceDir = qEnvironmentVariable("VIGIL_SOURCE_DIR");
    QVERIFY2(!sourceDir.isEmpty(), "VIGIL_SOURCE_DIR must name the source tree");
    QFile file(sourceDir + QStringLiteral("/resources/vigil.example.toml"));
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    const qsizetype start = lines.indexOf(QStringLiteral("[venue]"));
    QVERIFY(start >= 0);
    QString venue = QStringLiteral("[venue]\nkind = \"alpaca\"\n");
    std::set<QString> documented;
    for (qsizetype i = start + 1; i < lines.size() && !lines[i].startsWith(QLatin1Char('[')); ++i) {
        QString line = lines[i];
        if (!line.startsWith(QStringLiteral("# ")) || !line.contains(QStringLiteral(" = ")))
            continue;
        line = line.mid(2);
        const QString key = line.section(QLatin1Char(' '), 0, 0);
        if (!key.contains(QRegularExpression(QStringLiteral("^[a-z_]+$"))))
            continue;
        documented.insert(key);
        venue += (key == QStringLiteral("environment") ? QStringLiteral("environment = \"live\"") : line)
                 + QLatin1Char('\n');
    }
    std::set<QString> expected;
    for (const char *key : {"environment", "live_trading", "rest_url", "stream_url", "data_stream_url", "data_rest_url",
                            "feed", "requests_per_minute", "request_timeout_ms", "reconnect_min_ms", "reconnect_max_ms",
                            "data_silence_ms", "rest_fallback_interval_ms"})
        expected.insert(QString::fromLatin1(key));
    QCOMPARE(documented, expected);
    const ConfigLoadResult result = parseConfigText(venue.toStdString(), kSourceName);
    QVERIFY2(result.ok(), qPrintable(allErrors(result) + QStringLiteral("\n") + venue));
    const AlpacaVenueConfig defaults;
    const AlpacaVenueConfig &a = result.config->venue.alpaca;
    // The values written there are the defaults.
    QCOMPARE(a.requestsPerMinute, defaults.requestsPerMinute);
    QCOMPARE(a.requestTimeoutMs, defaults.requestTimeoutMs);
    QCOMPARE(a.reconnectMinMs, defaults.reconnectMinMs);
    QCOMPARE(a.reconnectMaxMs, defaults.reconnectMaxMs);
    QCOMPARE(a.dataSilenceMs, defaults.dataSilenceMs);
    QCOMPARE(a.restFallbackIntervalMs, defaults.restFallbackIntervalMs);
    QCOMPARE(int(a.feed), int(defaults.feed));
}

void TestConfig::singleErrorIsReported_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<QString>("location"); // "FILE:LINE: KEY: "
    QTest::addColumn<QString>("reason");   // a distinctive part of the reason

    const auto row = [](const char *name, const char *toml, const char *location, const char *reason) {
        QTest::newRow(name) << QByteArray(toml) << QString::fromUtf8(location) << QString::fromUtf8(reason);
    };
    row("unknown key with suggestion", "[risk]\nmax_order_qtty = 5\n",
        "test.toml:2: risk.max_order_qtty: ", "unknown key; did you mean \"max_order_qty\"?");
    row("unknown section", "\n[riskk]\n", "test.toml:2: riskk: ", "unknown key; did you mean \"risk\"?");
    row("unknown key lists known ones", "[paths]\nlogs = \"x\"\n",
        "test.toml:2: paths.logs: ", "unknown key; expected one of: data_dir");
    row("wrong type", "[risk]\nmax_order_qty = \"ten\"\n",
        "test.toml:2: risk.max_order_qty: ", "expected an integer, found a string");
    row("float for integer", "[simulator]\nfeed_latency_min_us = 2.5\n",
        "test.toml:2: simulator.feed_latency_min_us: ", "expected an integer, found a float");
    row("section of wrong type", "risk = 5\n", "test.toml:1: risk: ", "expected a table ([risk]), found an integer");
    row("out of range", "[risk]\nmax_order_qty = 0\n",
        "test.toml:2: risk.max_order_qty: ", "must be between 1 and 10000000, found 0");
    row("latency alert out of range", "[risk]\nlatency_alert_p95_ms = 0\n",
        "test.toml:2: risk.latency_alert_p95_ms: ", "must be between 1 and 60000, found 0");
    row("float out of range", "[risk]\nmax_gross_exposure_pct = 1000.5\n",
        "test.toml:2: risk.max_gross_exposure_pct: ", "must be between 1 and 1000, found 1000.5");
    row("nan is refused", "[simulator]\nspeed = nan\n",
        "test.toml:2: simulator.speed: ", "must be between 0 and 10000");
    row("money as float", "[broker.paper]\nstarting_cash = 1000000.0\n",
        "test.toml:2: broker.paper.starting_cash: ", "use a quoted decimal string");
    row("money with five decimals", "[broker.paper]\nfee_per_share = \"0.00035\"\n",
        "test.toml:2: broker.paper.fee_per_share: ", "is not a decimal amount");
    row("negative fee", "[broker.paper]\nmin_fee_per_order = \"-1\"\n",
        "test.toml:2: broker.paper.min_fee_per_order: ", "must not be negative");
    row("zero notional", "[risk]\nmax_order_notional = \"0.00\"\n",
        "test.toml:2: risk.max_order_notional: ", "must be greater than 0");
    row("unknown broker kind", "[broker]\nkind = \"alpaca\"\n",
        "test.toml:2: broker.kind: ", "unknown broker kind \"alpaca\"; accepted values: paper");
    row("unknown venue kind", "[venue]\nkind = \"ibkr\"\n",
        "test.toml:2: venue.kind: ", "unknown venue kind \"ibkr\"; accepted values: simulator, alpaca");
#define ALPACA "[venue]\nkind = \"alpaca\"\nenvironment = \"paper\"\n"
#define LIVE "[venue]\nkind = \"alpaca\"\nenvironment = \"live\"\n"
    row("alpaca without environment", "[venue]\nkind = \"alpaca\"\n",
        "test.toml:1: venue.environment: ", "missing; required for kind \"alpaca\": \"paper\" or \"live\"");
    row("unknown alpaca environment", "[venue]\nkind = \"alpaca\"\nenvironment = \"demo\"\n",
        "test.toml:3: venue.environment: ", "unknown environment \"demo\"; accepted values: paper, live");
    row("live without live_trading", LIVE, "test.toml:3: venue.environment: ",
        "environment = \"live\" trades real money and needs live_trading = \"real money\" beside it");
    row("live with another live_trading", LIVE "live_trading = \"real-money\"\n", "test.toml:4: venue.live_trading: ",
        "environment = \"live\" trades real money and needs live_trading = \"real money\" beside it");
    row("live with live_trading true", LIVE "live_trading = true\n",
        "test.toml:4: venue.live_trading: ", "needs live_trading = \"real money\"");
    row("live_trading with paper", ALPACA "live_trading = \"real money\"\n",
        "test.toml:4: venue.live_trading: ", "live_trading does nothing with environment = \"paper\"");
    row("plain http to a remote host", ALPACA "rest_url = \"http://paper-api.alpaca.markets\"\n",
        "test.toml:4: venue.rest_url: ", "would send the keys in clear to a host that is not loopback");
    row("plain ws to a remote host", ALPACA "data_stream_url = \"ws://10.0.0.5:9000/v2\"\n",
        "test.toml:4: venue.data_stream_url: ", "would send the keys in clear to a host that is not loopback");
    row("https for a stream", ALPACA "stream_url = \"https://paper-api.alpaca.markets/stream\"\n",
        "test.toml:4: venue.stream_url: ", "has the wrong scheme; expected wss://host[:port][/path]");
    row("wss for rest", ALPACA "data_rest_url = \"wss://data.alpaca.markets\"\n",
        "test.toml:4: venue.data_rest_url: ", "has the wrong scheme; expected https://host[:port][/path]");
    row("url without host", ALPACA "rest_url = \"https://\"\n",
        "test.toml:4: venue.rest_url: ", "is not a URL with a host");
    row("url with a password", ALPACA "rest_url = \"https://user:pw@paper-api.alpaca.markets\"\n",
        "test.toml:4: venue.rest_url: ", "must not carry a user, a password, a query or a fragment");
    row("unknown feed", ALPACA "feed = \"otc\"\n",
        "test.toml:4: venue.feed: ", "unknown feed \"otc\"; accepted values: iex, sip");
    row("requests per minute zero", ALPACA "requests_per_minute = 0\n",
        "test.toml:4: venue.requests_per_minute: ", "must be between 1 and 10000, found 0");
    row("requests per minute too high", ALPACA "requests_per_minute = 10001\n",
        "test.toml:4: venue.requests_per_minute: ", "must be between 1 and 10000, found 10001");
    row("request timeout too short", ALPACA "request_timeout_ms = 99\n",
        "test.toml:4: venue.request_timeout_ms: ", "must be between 100 and 120000, found 99");
    row("request timeout too long", ALPACA "request_timeout_ms = 120001\n",
        "test.toml:4: venue.request_timeout_ms: ", "must be between 100 and 120000, found 120001");
    row("reconnect minimum too short", ALPACA "reconnect_min_ms = 49\n",
        "test.toml:4: venue.reconnect_min_ms: ", "must be between 50 and 600000, found 49");
    row("reconnect maximum too long", ALPACA "reconnect_max_ms = 600001\n",
        "test.toml:4: venue.reconnect_max_ms: ", "must be between 50 and 600000, found 600001");
    row("reconnect minimum above maximum", ALPACA "reconnect_min_ms = 2000\nreconnect_max_ms = 1000\n",
        "test.toml:5: venue.reconnect_max_ms: ", "reconnect_max_ms (1000) must be at least reconnect_min_ms (2000)");
    row("reconnect minimum above default maximum", ALPACA "reconnect_min_ms = 40000\n",
        "test.toml:4: venue.reconnect_min_ms: ", "reconnect_max_ms (30000) must be at least reconnect_min_ms (40000)");
    row("data silence too short", ALPACA "data_silence_ms = 499\n",
        "test.toml:4: venue.data_silence_ms: ", "must be between 500 and 600000, found 499");
    row("rest fallback too frequent", ALPACA "rest_fallback_interval_ms = 199\n",
        "test.toml:4: venue.rest_fallback_interval_ms: ", "must be between 200 and 60000, found 199");
    row("rest fallback too rare", ALPACA "rest_fallback_interval_ms = 60001\n",
        "test.toml:4: venue.rest_fallback_interval_ms: ", "must be between 200 and 60000, found 60001");
    row("alpaca key with the simulator", "[venue]\nkind = \"simulator\"\nfeed = \"iex\"\n",
        "test.toml:3: venue.feed: ", "only with kind = \"alpaca\"; this venue is the simulator");
    row("alpaca key without a kind", "[venue]\nenvironment = \"live\"\n",
        "test.toml:2: venue.environment: ", "only with kind = \"alpaca\"; this venue is the simulator");
    row("key id in the venue", ALPACA "key_id = \"PKTEST\"\n", "test.toml:4: venue.key_id: ",
        "keys are never in the configuration: use vigil broker set-keys or APCA_API_KEY_ID / APCA_API_SECRET_KEY");
    row("secret at the top", "secret = \"s3cr3t\"\n",
        "test.toml:1: secret: ", "keys are never in the configuration: use vigil broker set-keys");
    row("api key in the broker", "[broker.paper]\napi_key = \"x\"\n",
        "test.toml:2: broker.paper.api_key: ", "keys are never in the configuration");
    row("alpaca's variable name", ALPACA "APCA_API_SECRET_KEY = \"x\"\n",
        "test.toml:4: venue.APCA_API_SECRET_KEY: ", "keys are never in the configuration");
#undef LIVE
#undef ALPACA
    row("venue kind not a string", "[venue]\nkind = 1\n",
        "test.toml:2: venue.kind: ", "expected a string, found an integer");
    row("duplicate symbol",
        "[[simulator.symbols]]\nsymbol = \"AAPL\"\nreference_price = \"1\"\nannual_volatility = "
        "0.2\nmean_quote_interval_ms = 100\n"
        "[[simulator.symbols]]\nsymbol = \"AAPL\"\nreference_price = \"2\"\nannual_volatility = "
        "0.2\nmean_quote_interval_ms = 100\n"
        "[strategies.swing]\ntop_n = 1\n",
        "test.toml:7: simulator.symbols[1].symbol: ",
        "duplicate symbol \"AAPL\" (already defined by simulator.symbols[0])");
    row("reference price as float",
        "[[simulator.symbols]]\nsymbol = \"X\"\nreference_price = 228.5\nannual_volatility = "
        "0.2\nmean_quote_interval_ms = 100\n"
        "[strategies.swing]\ntop_n = 1\n",
        "test.toml:3: simulator.symbols[0].reference_price: ", "use a quoted decimal string");
    row("bad symbol text",
        "[[simulator.symbols]]\nsymbol = \"aapl\"\nreference_price = \"1\"\nannual_volatility = "
        "0.2\nmean_quote_interval_ms = 100\n"
        "[strategies.swing]\ntop_n = 1\n",
        "test.toml:2: simulator.symbols[0].symbol: ", "not a valid symbol");
    row("symbol entry incomplete",
        "[strategies.swing]\ntop_n = 1\n[[simulator.symbols]]\nsymbol = \"X\"\nreference_price = "
        "\"1\"\nannual_volatility = 0.2\n",
        "test.toml:3: simulator.symbols[0].mean_quote_interval_ms: ",
        "missing; required in every [[simulator.symbols]] entry");
    row("empty universe", "[simulator]\nsymbols = []\n",
        "test.toml:2: simulator.symbols: ", "must list between 1 and 500 symbols, found 0");
    row("strategy symbol not in universe", "[strategies.intraday]\nsymbols = [\"AAPL\", \"ZZZZ\"]\n",
        "test.toml:2: strategies.intraday.symbols[1]: ", "symbol \"ZZZZ\" is not in the simulator universe");
    row("strategy symbol twice", "[strategies.swing]\nsymbols = [\"AAPL\", \"MSFT\", \"AAPL\"]\n",
        "test.toml:2: strategies.swing.symbols[2]: ", "duplicate symbol \"AAPL\"");
    row("deployed not a date", "[strategies.swing]\ndeployed = \"last spring\"\n",
        "test.toml:2: strategies.swing.deployed: ", "\"last spring\" is not a date; expected YYYY-MM-DD");
    row("deployed not a day", "[strategies.intraday]\ndeployed = \"2026-02-30\"\n",
        "test.toml:2: strategies.intraday.deployed: ", "2026-02-30 is not a day of the calendar");
    row("disk warn below fail", "[checklists]\ndisk_free_fail_pct = 20\ndisk_free_warn_pct = 15\n",
        "test.toml:3: checklists.disk_free_warn_pct: ", "must not be below disk_free_fail_pct (20)");
    row("end of day before the close", "[checklists]\nend_of_day_at = \"15:00:00\"\n",
        "test.toml:2: checklists.end_of_day_at: ", "must be between 16:00:00 and 23:59:59, found 15:00:00");
    row("relative backup dir", "[backup]\ndir = \"backups\"\n",
        "test.toml:2: backup.dir: ", "\"backups\" is not an absolute path; leave the key out for DATA_DIR/backups");
    row("negative retention", "[backup]\nkeep_weekly = -1\n",
        "test.toml:2: backup.keep_weekly: ", "must be between 0 and 10000, found -1");
    row("no intraday backup kept", "[backup]\nkeep_intraday = 0\n",
        "test.toml:2: backup.keep_intraday: ", "must be between 1 and 1000, found 0");
    row("unknown backup key", "[backup]\nkeep_days = 5\n",
        "test.toml:2: backup.keep_days: ", "unknown key; did you mean");
    row("reconciliation never", "[reconciliation]\nevery_seconds = 0\n",
        "test.toml:2: reconciliation.every_seconds: ", "must be between 1 and 3600, found 0");
    row("reconciliation hammering the broker", "[reconciliation]\nmin_wall_interval_ms = 10\n",
        "test.toml:2: reconciliation.min_wall_interval_ms: ", "must be between 100 and 3600000, found 10");
    row("cash tolerance as a float", "[reconciliation]\ncash_tolerance = 0.01\n",
        "test.toml:2: reconciliation.cash_tolerance: ", "expected a decimal amount, found a float");
    row("negative cash tolerance", "[reconciliation]\ncash_tolerance = \"-1\"\n",
        "test.toml:2: reconciliation.cash_tolerance: ", "must not be negative, found \"-1\"");
    row("unknown checklist key", "[checklists]\nfeed_max_age_secnds = 5\n",
        "test.toml:2: checklists.feed_max_age_secnds: ", "unknown key; did you mean \"feed_max_age_seconds\"?");
    row("top_n above the strategy's symbols", "[strategies.swing]\nsymbols = [\"AAPL\", \"MSFT\"]\ntop_n = 3\n",
        "test.toml:3: strategies.swing.top_n: ", "must be between 1 and 2, found 3");
    row("bad fault time", "[[simulator.faults]]\nkind = \"disconnect\"\nat = \"25:00:00\"\nduration_s = 10\n",
        "test.toml:3: simulator.faults[0].at: ", "\"25:00:00\" is not a time of day; expected \"HH:MM:SS\"");
    row("fault time without seconds", "[[simulator.faults]]\nkind = \"silent_feed\"\nat = \"10:30\"\nduration_s = 10\n",
        "test.toml:3: simulator.faults[0].at: ", "is not a time of day");
    row("unknown fault kind", "[[simulator.faults]]\nkind = \"meteor\"\nat = \"10:00:00\"\n",
        "test.toml:2: simulator.faults[0].kind: ", "unknown fault kind \"meteor\"; expected one of: disconnect");
    row("fault missing its parameter",
        "[[simulator.faults]]\nkind = \"latency_spike\"\nat = \"10:00:00\"\nduration_s = 5\n",
        "test.toml:1: simulator.faults[0].extra_latency_ms: ", "missing; required for kind \"latency_spike\"");
    row("fault with a foreign parameter",
        "[[simulator.faults]]\nkind = \"disconnect\"\nat = \"10:00:00\"\nduration_s = 5\ncount = 3\n",
        "test.toml:5: simulator.faults[0].count: ", "not allowed for kind \"disconnect\"");
    row("error burst count out of range",
        "[[simulator.faults]]\nkind = \"error_burst\"\nat = \"10:00:00\"\ncount = 0\n",
        "test.toml:4: simulator.faults[0].count: ", "must be between 1 and 10000");
    row("feed mean below min", "[simulator]\nfeed_latency_mean_us = 100\n",
        "test.toml:2: simulator.feed_latency_mean_us: ",
        "feed_latency_mean_us (100) must be at least feed_latency_min_us (200)");
    row("order mean below min", "[broker.paper]\norder_latency_min_us = 5000\n",
        "test.toml:2: broker.paper.order_latency_min_us: ",
        "order_latency_mean_us (4000) must be at least order_latency_min_us (5000)");
    row("exit not below entry", "[strategies.intraday]\nexit_bps = 25\n",
        "test.toml:2: strategies.intraday.exit_bps: ", "exit_bps (25) must be below entry_bps (25)");
    row("entry above stop", "[strategies.intraday]\nentry_bps = 70\n",
        "test.toml:2: strategies.intraday.entry_bps: ", "stop_bps (60) must be above entry_bps (70)");
    row("flatten before no entry", "[strategies.intraday]\nflatten_at = \"15:30:00\"\n",
        "test.toml:2: strategies.intraday.flatten_at: ",
        "flatten_at (15:30:00) must be after no_entry_after (15:45:00)");
    row("flatten after the close", "[strategies.intraday]\nflatten_at = \"16:30:00\"\n",
        "test.toml:2: strategies.intraday.flatten_at: ", "must be between 09:30:00 and 16:00:00, found 16:30:00");
    row("wrong boolean", "[strategies.swing]\nenabled = \"yes\"\n",
        "test.toml:2: strategies.swing.enabled: ", "expected a boolean (true or false), found a string");

    row("gateway unknown key", "[gateway]\nportt = 1\n",
        "test.toml:2: gateway.portt: ", "unknown key; did you mean \"port\"?");
    row("gateway port", "[gateway]\nport = 70000\n",
        "test.toml:2: gateway.port: ", "must be between 1 and 65535, found 70000");
    row("gateway address not an address", "[gateway]\nlisten_address = \"localhost\"\n",
        "test.toml:2: gateway.listen_address: ", "\"localhost\" is not an IP address");
    row("gateway non-loopback without TLS", "[gateway]\nlisten_address = \"0.0.0.0\"\n",
        "test.toml:2: gateway.listen_address: ",
        "\"0.0.0.0\" is not a loopback address: set tls_certificate_file and tls_key_file");
    row("gateway TLS path relative", "[gateway]\ntls_certificate_file = \"cert.pem\"\n",
        "test.toml:2: gateway.tls_certificate_file: ", "\"cert.pem\" is not an absolute path to an existing file");
    row("gateway max_connections", "[gateway]\nmax_connections = 0\n",
        "test.toml:2: gateway.max_connections: ", "must be between 1 and 100000, found 0");
    row("gateway max_body_bytes", "[gateway]\nmax_body_bytes = 100\n",
        "test.toml:2: gateway.max_body_bytes: ", "must be between 1024 and 67108864, found 100");
    row("gateway request_timeout_ms", "[gateway]\nrequest_timeout_ms = 50\n",
        "test.toml:2: gateway.request_timeout_ms: ", "must be between 100 and 600000, found 50");
    row("gateway enabled", "[gateway]\nenabled = 1\n",
        "test.toml:2: gateway.enabled: ", "expected a boolean (true or false), found an integer");

    // [[bots]]: name and code first, then the rule under test.
#define BOT "[[bots]]\nname = \"alpha\"\ncode = \"al\"\n"
    row("bots not tables", "bots = 3\n", "test.toml:1: bots: ", "expected an array of tables ([[bots]])");
    row("bot without name", "[[bots]]\ncode = \"al\"\n",
        "test.toml:1: bots[0].name: ", "missing; required in every [[bots]] entry");
    row("bot without code", "[[bots]]\nname = \"alpha\"\n",
        "test.toml:1: bots[0].code: ", "missing; required in every [[bots]] entry");
    row("bot unknown key", BOT "symbol = [\"AAPL\"]\n",
        "test.toml:4: bots[0].symbol: ", "unknown key; did you mean \"symbols\"?");
    row("bot name upper case", "[[bots]]\nname = \"Alpha\"\ncode = \"al\"\n",
        "test.toml:2: bots[0].name: ", "\"Alpha\" is not a bot name: 1 to 32 characters among a-z, 0-9 and '_'");
    row("bot name too long", "[[bots]]\nname = \"a23456789012345678901234567890123\"\ncode = \"al\"\n",
        "test.toml:2: bots[0].name: ", "is not a bot name: 1 to 32 characters");
    row("bot name of a built-in strategy", "[[bots]]\nname = \"swing_momentum\"\ncode = \"al\"\n",
        "test.toml:2: bots[0].name: ", "\"swing_momentum\" is reserved");
    row("bot name of the account book", "[[bots]]\nname = \"account\"\ncode = \"al\"\n",
        "test.toml:2: bots[0].name: ", "\"account\" is reserved");
    row("bot name of a built-in code", "[[bots]]\nname = \"mr\"\ncode = \"al\"\n",
        "test.toml:2: bots[0].name: ", "\"mr\" is reserved");
    row("bot name twice", BOT "[[bots]]\nname = \"alpha\"\ncode = \"be\"\n",
        "test.toml:5: bots[1].name: ", "duplicate bot name \"alpha\" (already used by bots[0])");
    row("bot code one letter", "[[bots]]\nname = \"alpha\"\ncode = \"a\"\n",
        "test.toml:3: bots[0].code: ", "\"a\" is not a code: 2 or 3 characters among a-z and 0-9");
    row("bot code upper case", "[[bots]]\nname = \"alpha\"\ncode = \"AL\"\n",
        "test.toml:3: bots[0].code: ", "\"AL\" is not a code");
    row("bot code of a built-in strategy", "[[bots]]\nname = \"alpha\"\ncode = \"sw\"\n",
        "test.toml:3: bots[0].code: ", "\"sw\" is reserved");
    row("bot code of the operator", "[[bots]]\nname = \"alpha\"\ncode = \"op\"\n",
        "test.toml:3: bots[0].code: ", "\"op\" is reserved");
    row("bot code twice", BOT "[[bots]]\nname = \"beta\"\ncode = \"al\"\n",
        "test.toml:6: bots[1].code: ", "duplicate code \"al\" (already used by bots[0])");
    row("bot code is another bot's name",
        "[[bots]]\nname = \"zz\"\ncode = \"al\"\n[[bots]]\nname = "
        "\"beta\"\ncode = \"zz\"\n",
        "test.toml:6: bots[1].code: ", "\"zz\" is the name of bots[0]");
    row("bot name is another bot's code",
        "[[bots]]\nname = \"alpha\"\ncode = \"zz\"\n[[bots]]\nname = "
        "\"zz\"\ncode = \"be\"\n",
        "test.toml:5: bots[1].name: ", "\"zz\" is the code of bots[0]");
    row("bot symbol outside the universe", BOT "symbols = [\"AAPL\", \"NOPE\"]\n",
        "test.toml:4: bots[0].symbols[1]: ", "symbol \"NOPE\" is not in the simulator universe");
    row("bot buying power as float", BOT "buying_power = 100000.0\n",
        "test.toml:4: bots[0].buying_power: ", "use a quoted decimal string");
    row("bot buying power zero", BOT "buying_power = \"0\"\n",
        "test.toml:4: bots[0].buying_power: ", "must be greater than 0, found \"0\"");
    row("bot position notional five decimals", BOT "max_position_notional = \"1.00001\"\n",
        "test.toml:4: bots[0].max_position_notional: ", "is not a decimal amount");
    row("bot max_order_qty", BOT "max_order_qty = 0\n",
        "test.toml:4: bots[0].max_order_qty: ", "must be between 1 and 10000000, found 0");
    row("bot requests_per_minute", BOT "requests_per_minute = 0\n",
        "test.toml:4: bots[0].requests_per_minute: ", "must be between 1 and 100000, found 0");
    row("bot heartbeat_seconds", BOT "heartbeat_seconds = 7200\n",
        "test.toml:4: bots[0].heartbeat_seconds: ", "must be between 1 and 3600, found 7200");
    row("bot intraday", BOT "intraday = \"no\"\n",
        "test.toml:4: bots[0].intraday: ", "expected a boolean (true or false), found a string");
    row("bot on_lost", BOT "on_lost = \"panic\"\n",
        "test.toml:4: bots[0].on_lost: ", "unknown action \"panic\"; expected one of: leave, cancel, flatten");
    row("bot display name too long",
        BOT "display_name = \""
            "12345678901234567890123456789012345678901234567890"
            "123456789012345\"\n",
        "test.toml:4: bots[0].display_name: ", "must be 1 to 64 characters, found 65");
    row("bot command a string", BOT "command = \"node bot.js\"\n", "test.toml:4: bots[0].command: ",
        "expected a non-empty array of strings (the program, then its arguments), found a string");
    row("bot command empty", BOT "command = []\n", "test.toml:4: bots[0].command: ", "found an empty array");
    row("bot command word a number", BOT "command = [\"node\", 3]\n",
        "test.toml:4: bots[0].command[1]: ", "expected a string, found an integer");
    row("bot working directory relative", BOT "command = [\"node\"]\nworking_directory = \"bots\"\n",
        "test.toml:5: bots[0].working_directory: ", "\"bots\" is not an absolute path to an existing directory");
    row("bot working directory without command", BOT "working_directory = \"/\"\n",
        "test.toml:4: bots[0].working_directory: ", "only with command");
    row("incidents unknown key", "[incidents]\nfeed_silence_seconds = 60\n",
        "test.toml:2: incidents.feed_silence_seconds: ", "unknown key; did you mean \"feed_silent_seconds\"?");
    row("incidents burst of one", "[incidents]\nrefusal_burst = 1\n",
        "test.toml:2: incidents.refusal_burst: ", "must be between 2 and 1000000, found 1");
    row("incidents broker zero", "[incidents]\nbroker_unreachable_seconds = 0\n",
        "test.toml:2: incidents.broker_unreachable_seconds: ", "must be between 1 and 86400, found 0");
#undef BOT
}

void TestConfig::singleErrorIsReported()
{
    QFETCH(QByteArray, toml);
    QFETCH(QString, location);
    QFETCH(QString, reason);

    const ConfigLoadResult result = parse(toml.constData());
    QVERIFY(!result.ok());
    QVERIFY2(!result.config, "a configuration with errors must not be returned");
    QVERIFY2(result.errors.size() == 1, qPrintable(allErrors(result)));
    const QString error = text(result.errors[0].toString());
    QVERIFY2(error.startsWith(location), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestConfig::syntaxErrorNamesLineAndKey()
{
    const ConfigLoadResult result = parse("[simulator]\nspeed = 60\n\n[risk]\nmax_order_qty = 10 000\n");
    QCOMPARE(result.errors.size(), std::size_t(1));
    const ConfigError &error = result.errors[0];
    QCOMPARE(error.line, 5);
    QCOMPARE(error.key, std::string("risk.max_order_qty"));
    const QString message = text(error.toString());
    QVERIFY2(message.startsWith(QStringLiteral("test.toml:5: risk.max_order_qty: TOML syntax error: ")),
             qPrintable(message));

    // Inside the second [[array]] entry the index is recovered too.
    const ConfigLoadResult inArray =
        parse("[[simulator.faults]]\nkind = \"disconnect\"\n[[simulator.faults]]\nat = 10:00\n");
    QCOMPARE(inArray.errors.size(), std::size_t(1));
    QCOMPARE(inArray.errors[0].line, 4);
    QCOMPARE(inArray.errors[0].key, std::string("simulator.faults[1].at"));

    // A broken header names no key, but still the file and line.
    const ConfigLoadResult header = parse("[risk]\nmax_order_qty = 5\n[paths\n");
    QCOMPARE(header.errors.size(), std::size_t(1));
    QVERIFY2(text(header.errors[0].toString()).startsWith(QStringLiteral("test.toml:3: TOML syntax error: ")),
             qPrintable(allErrors(header)));
}

void TestConfig::severalErrorsAreAllReported()
{
    const ConfigLoadResult result = parse(R"([simulator]
speed = -1
colour = "blue"

[broker.paper]
starting_cash = 5e5

[strategies.intraday]
symbols = ["NOPE"]
no_entry_after = "9:00"

[risk]
max_order_qty = "ten"
)");
    QVERIFY(!result.config);
    const QStringList expected = {
        QStringLiteral("test.toml:2: simulator.speed: must be between 0 and 10000"),
        QStringLiteral("test.toml:3: simulator.colour: unknown key"),
        QStringLiteral("test.toml:6: broker.paper.starting_cash: expected a decimal amount"),
        QStringLiteral("test.toml:9: strategies.intraday.symbols[0]: symbol \"NOPE\""),
        QStringLiteral("test.toml:10: strategies.intraday.no_entry_after: \"9:00\" is not a time of day"),
        QStringLiteral("test.toml:13: risk.max_order_qty: expected an integer"),
    };
    QVERIFY2(result.errors.size() == std::size_t(expected.size()), qPrintable(allErrors(result)));
    // Reported in file order.
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(text(result.errors[std::size_t(i)].toString()).startsWith(expected[i]), qPrintable(allErrors(result)));
}

void TestConfig::missingFileNamesThePath()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::string missing = directory.filePath(QStringLiteral("absent/vigil.toml")).toStdString();

    const ConfigLoadResult result = loadConfigFile(missing);
    QVERIFY(!result.ok());
    QVERIFY(!result.config);
    QCOMPARE(result.errors.size(), std::size_t(1));
    const QString message = text(result.errors[0].toString());
    QVERIFY2(message.startsWith(text(missing) + QStringLiteral(": cannot open the configuration file: ")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("No such file or directory")), qPrintable(message));

    const ConfigLoadResult directoryResult = loadConfigFile(directory.path().toStdString());
    QCOMPARE(directoryResult.errors.size(), std::size_t(1));
    QVERIFY2(text(directoryResult.errors[0].toString()).contains(QStringLiteral("is a directory")),
             qPrintable(allErrors(directoryResult)));

    // A real file on disk: errors carry its path, and a good one records it as the source.
    const QString badPath = directory.filePath(QStringLiteral("bad.toml"));
    QFile bad(badPath);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("[risk]\nmax_order_qty = -3\n");
    bad.close();
    const ConfigLoadResult badResult = loadConfigFile(badPath.toStdString());
    QCOMPARE(badResult.errors.size(), std::size_t(1));
    QVERIFY2(text(badResult.errors[0].toString()).startsWith(badPath + QStringLiteral(":2: risk.max_order_qty: ")),
             qPrintable(allErrors(badResult)));
}

void TestConfig::errorTextFormat()
{
    QCOMPARE(ConfigError({"a.toml", "risk.max_order_qty", "too big", 7}).toString(),
             std::string("a.toml:7: risk.max_order_qty: too big"));
    QCOMPARE(ConfigError({"a.toml", "risk.max_order_qty", "too big", 0}).toString(),
             std::string("a.toml: risk.max_order_qty: too big"));
    QCOMPARE(ConfigError({"a.toml", "", "cannot open", 0}).toString(), std::string("a.toml: cannot open"));
}

QTEST_APPLESS_MAIN(TestConfig)
#include "tst_config.moc"
