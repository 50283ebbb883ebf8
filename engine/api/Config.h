#pragma once
// The validated configuration. Thread safe once built (read-only value).
// Loaded from one TOML file by ConfigLoader; every field here has a key in that file
// (see resources/vigil.example.toml) and a range the loader enforces.

#include "api/AlertsConfig.h"
#include "api/Fixed.h"
#include "api/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct SymbolSpec {
    std::string symbol;      ///< "AAPL"
    Price referencePrice;    ///< previous close the simulator starts from
    double annualVolatility; ///< 0.05 .. 3.0
    int meanQuoteIntervalMs; ///< 20 .. 60000
};

enum class FaultKind : std::uint8_t { Disconnect, ErrorBurst, LatencySpike, SilentFeed };

struct FaultSpec {
    FaultKind kind = FaultKind::Disconnect;
    int startSecondOfDay = 0; ///< New York time, seconds since midnight
    int durationSeconds = 0;  ///< Disconnect, LatencySpike, SilentFeed
    int count = 0;            ///< ErrorBurst: orders answered with an error
    int extraLatencyMs = 0;   ///< LatencySpike
};

struct SimulatorConfig {
    std::vector<SymbolSpec> symbols;
    double speed = 60.0; ///< simulated seconds per wall second; 0 = as fast as possible
    int feedLatencyMinUs = 200;
    int feedLatencyMeanUs = 1500;
    std::vector<FaultSpec> faults;
};

struct SimulatedBrokerConfig {
    Money startingCash = Money::fromDollars(1'000'000);
    double buyingPowerMultiplier = 2.0; ///< 1 (cash) .. 4 (intraday margin)
    int orderLatencyMinUs = 1000;       ///< >= 1000: the simulator's lookahead
    int orderLatencyMeanUs = 4000;
    Money feePerShare;    ///< commission, e.g. 0.0035
    Money minFeePerOrder; ///< applies to orders with a nonzero fee per share
};

/// Where the engine trades: the market and the broker behind the venue seam (api/Venue.h).
enum class VenueKind : std::uint8_t {
    Simulator, ///< the simulated market and its paper broker ([simulator], [broker.paper])
    Alpaca,    ///< Alpaca's Trading API and market data stream (paper or live): [venue]'s alpaca keys
};
std::string_view toString(VenueKind kind); ///< "simulator", "alpaca"

/// Which of Alpaca's accounts: its paper trading or real money.
enum class AlpacaEnvironment : std::uint8_t { Paper, Live };
std::string_view toString(AlpacaEnvironment environment); ///< "paper", "live"

/// Alpaca's market data feeds: IEX (free), SIP (every US exchange, a subscription).
enum class AlpacaFeed : std::uint8_t { Iex, Sip };
std::string_view toString(AlpacaFeed feed); ///< "iex", "sip"

/// `[venue]` when `kind = "alpaca"`. The universe stays `[[simulator.symbols]]`' names (their
/// simulation parameters are unused). Keys are never here: the OS keyring or the
/// environment (api/BrokerKeys.h).
struct AlpacaVenueConfig {
    AlpacaEnvironment environment = AlpacaEnvironment::Paper;
    /// `live_trading = "real money"`: the second, explicit setting without which "live" is
    /// refused, so that no single edit turns a paper set-up into real trading.
    bool liveConfirmed = false;
    // Base URLs; empty: Alpaca's own for the environment (the tests point them at 127.0.0.1).
    std::string restUrl;       ///< trading API, e.g. "https://paper-api.alpaca.markets"
    std::string streamUrl;     ///< trade_updates, e.g. "wss://paper-api.alpaca.markets/stream"
    std::string dataStreamUrl; ///< market data stream without the feed, e.g. "wss://stream.data.alpaca.markets/v2"
    std::string dataRestUrl;   ///< market data REST, e.g. "https://data.alpaca.markets"
    AlpacaFeed feed = AlpacaFeed::Iex;
    int requestsPerMinute = 190; ///< the client-side budget (Alpaca allows 200), 1 .. 10000
    int requestTimeoutMs = 5000; ///< a REST request unanswered this long has failed, 100 .. 120000
    int reconnectMinMs = 500;    ///< the streams' first retry; doubles up to the maximum, with jitter
    int reconnectMaxMs = 30'000;
    int dataSilenceMs = 5000;          ///< market hours: a data stream silent this long falls back to REST
    int restFallbackIntervalMs = 1000; ///< one latest-quotes request for the universe this often, at most
};

/// Alpaca's own URLs of `environment` where the configuration left them empty.
AlpacaVenueConfig withDefaultUrls(AlpacaVenueConfig config);

/// `[venue] kind`. Files from before it name the paper broker as `[broker] kind = "paper"`,
/// which is the simulator's broker: the same venue.
struct VenueConfig {
    VenueKind kind = VenueKind::Simulator;
    AlpacaVenueConfig alpaca; ///< kind Alpaca only
};

struct BrokerConfig {
    SimulatedBrokerConfig paper;
};

struct IntradayStrategyConfig {
    bool enabled = true;
    std::vector<std::string> symbols; ///< empty = every configured symbol
    int emaTicks = 40;
    double entryBps = 25.0;
    double exitBps = 5.0;
    double stopBps = 60.0;
    Money notionalPerTrade = Money::fromDollars(20'000);
    int cooldownSeconds = 60;
    int noEntryAfterSecondOfDay = 15 * 3600 + 45 * 60; ///< 15:45
    int flattenAtSecondOfDay = 15 * 3600 + 55 * 60;    ///< 15:55
    std::optional<Date> deployed;                      ///< when this version went live (the checklist flags old ones)
};

struct SwingStrategyConfig {
    bool enabled = true;
    std::vector<std::string> symbols;
    int rebalanceMinutes = 60;
    int topN = 3;
    Money notionalPerPosition = Money::fromDollars(50'000);
    std::optional<Date> deployed;
};

struct StrategiesConfig {
    IntradayStrategyConfig intraday;
    SwingStrategyConfig swing;
};

/// Pre-trade checks (every order before it reaches the broker) and the automatic kill
/// triggers. Time windows are in the engine's clock (simulated time in the simulator).
struct RiskConfig {
    Quantity maxOrderQty = 10'000;
    Money maxOrderNotional = Money::fromDollars(250'000);
    Money maxPositionNotional = Money::fromDollars(400'000);
    double maxGrossExposurePct = 150.0; ///< of equity
    double priceCollarPct = 5.0;        ///< an order's price against the quote's mid
    int maxOpenOrders = 200;            ///< working orders at once, all strategies
    int maxOrdersPerSecond = 50;        ///< new orders and cancels sent in any one second
    int duplicateWindowMs = 500;        ///< same strategy, symbol, side, quantity and price
    int throttleFills = 200;            ///< more fills than this for one strategy ...
    int throttleWindowSeconds = 60;     ///< ... inside this window stops the strategy

    // Automatic kill-switch triggers, and their debounce.
    double killDrawdownPct = 2.0;     ///< of start-of-day equity, from the day's high
    int killBrokerErrors = 5;         ///< consecutive errors from the broker
    int killFeedSilenceSeconds = 120; ///< no market data for this long
    double warnAtPct = 80.0;          ///< of each limit: a warning, before the kill
    int triggerConfirmSeconds = 3;    ///< a breach must last this long (and two evaluations)
    int latencyAlertP95Ms = 500;      ///< a minute's feed or acknowledgement p95 above this raises an alert
};

/// The pre-market and end-of-day checklists: their thresholds and when the schedule runs
/// them (New York time; in the simulator, on the simulated clock).
struct ChecklistConfig {
    int heartbeatMaxAgeSeconds = 10;              ///< a component quieter than this fails
    int feedMaxAgeSeconds = 300;                  ///< market data older than this fails
    double diskFreeFailPct = 10.0;                ///< free space on the data volume below this fails ...
    double diskFreeWarnPct = 15.0;                ///< ... and below this warns
    double overnightGapPct = 5.0;                 ///< a held position that moved more since the close warns
    int strategyMaxAgeDays = 90;                  ///< a strategy deployed longer ago warns
    int backupMaxAgeHours = 24;                   ///< the newest verified backup older than this warns
    int premarketSecondOfDay = 9 * 3600;          ///< 09:00
    int endOfDaySecondOfDay = 16 * 3600 + 5 * 60; ///< 16:05
};

/// Where backups are written and what retention keeps of them: the backup after each
/// close prunes by these numbers, and `vigil backup prune` starts from them.
struct BackupConfig {
    std::string dir;              ///< absolute; empty = DATA_DIR/backups. Another disk survives the data disk.
    int keepDaily = 30;           ///< the newest backup of each of the last N days that have one
    int keepWeekly = 12;          ///< ... of each of the last N ISO weeks
    int keepMonthly = 12;         ///< ... of each of the last N months
    int intradayEveryMinutes = 5; ///< the console's intraday backup while the session is open; 0 = none
    int keepIntraday = 3;         ///< the newest N intraday backups
};

/// The periodic comparison of the books with the broker's, and what counts as agreeing.
struct ReconciliationConfig {
    int everySeconds = 60;                     ///< of the session's clock (simulated time in the simulator)
    int minWallIntervalMs = 1'000;             ///< never more often than this in wall time (a broker's request budget)
    Money cashTolerance = Money::fromCents(1); ///< cash amounts this close agree
};

/// `[gateway]`: the Alpaca-compatible API operators' own bots trade through.
struct GatewayConfig {
    bool enabled = false;
    /// Loopback unless configured; any other address needs both TLS paths below.
    std::string listenAddress = "127.0.0.1";
    std::uint16_t port = 8788;
    std::string tlsCertificateFile;     ///< PEM; required when listenAddress is not loopback
    std::string tlsKeyFile;             ///< PEM; required when listenAddress is not loopback
    int maxConnections = 256;           ///< beyond it a new connection is closed at once
    std::int64_t maxBodyBytes = 65'536; ///< a larger request body is answered 413
    int requestTimeoutMs = 10'000;      ///< a request not whole by then closes its connection
};

/// What a bot's loss (stream dropped, or silent past its heartbeat) does to what it left.
enum class BotLostAction : std::uint8_t { LeaveOrders, CancelOrders, Flatten };
std::string_view toString(BotLostAction action); ///< "leave", "cancel", "flatten"

/// `[[bots]]`: one operator bot trading through the gateway as a strategy of its own.
struct BotConfig {
    std::string name;                 ///< its strategy key: lower-case letters, digits, '_'
    std::string displayName;          ///< the console's name for it (default: name)
    std::string code;                 ///< two or three lower-case letters or digits in its client order ids
    std::vector<std::string> symbols; ///< empty = every symbol of the venue
    bool intraday = false;            ///< must be flat by the close (the end-of-day checklist)
    Money buyingPower = Money::fromDollars(100'000);        ///< its share of the account: what its orders may commit
    Money maxPositionNotional = Money::fromDollars(50'000); ///< per symbol, its own book
    Quantity maxOrderQty = 1'000;
    int requestsPerMinute = 200; ///< REST requests; more are answered 429
    int heartbeatSeconds = 60;   ///< silent (no request, no stream) longer than this: lost
    BotLostAction onLost = BotLostAction::LeaveOrders;
    /// Supervision (optional): Vigil starts this command line and restarts it with backoff.
    std::vector<std::string> command;
    std::string workingDirectory;
};

struct PathsConfig {
    std::string dataDir; ///< empty = the user's XDG data directory
};

/// `[incidents]`: when a condition that lasts opens an incident by itself (the kill switch,
/// a halt, a storage failure and a reconciliation difference open one at once). Seconds of
/// the session's clock.
struct IncidentsConfig {
    int brokerUnreachableSeconds = 60; ///< the broker away this long
    int feedSilentSeconds = 120;       ///< market data silent this long while the market is open
    int refusalBurst = 20;             ///< this many orders refused by the pre-trade checks ...
    int refusalBurstSeconds = 60;      ///< ... within this many seconds (a rogue strategy)
};

struct Config {
    std::string sourceFile;   ///< where it was loaded from (empty for built-in defaults)
    std::string sourceSha256; ///< hex SHA-256 of that file's bytes (empty for built-in defaults)
    VenueConfig venue;
    SimulatorConfig simulator;
    BrokerConfig broker;
    StrategiesConfig strategies;
    RiskConfig risk;
    ChecklistConfig checklists;
    BackupConfig backup;
    ReconciliationConfig reconciliation;
    GatewayConfig gateway;
    AlertsConfig alerts;
    IncidentsConfig incidents;
    std::vector<BotConfig> bots;
    PathsConfig paths;
};

/// The configuration Vigil ships with: the documented defaults and the simulator's
/// 24-symbol universe. `resources/vigil.example.toml` spells out the same values.
Config defaultConfig();

} // namespace vigil
