#include "api/Config.h"

#include <iterator>

namespace vigil {

std::string_view toString(VenueKind kind)
{
    switch (kind) {
    case VenueKind::Simulator: return "simulator";
    case VenueKind::Alpaca: return "alpaca";
    }
    return "simulator";
}

std::string_view toString(AlpacaEnvironment environment)
{
    return environment == AlpacaEnvironment::Live ? "live" : "paper";
}

std::string_view toString(AlpacaFeed feed) { return feed == AlpacaFeed::Sip ? "sip" : "iex"; }

AlpacaVenueConfig withDefaultUrls(AlpacaVenueConfig config)
{
    const bool live = config.environment == AlpacaEnvironment::Live;
    if (config.restUrl.empty())
        config.restUrl = live ? "https://api.alpaca.markets" : "https://paper-api.alpaca.markets";
    if (config.streamUrl.empty())
        config.streamUrl = live ? "wss://api.alpaca.markets/stream" : "wss://paper-api.alpaca.markets/stream";
    if (config.dataStreamUrl.empty())
        config.dataStreamUrl = "wss://stream.data.alpaca.markets/v2";
    if (config.dataRestUrl.empty())
        config.dataRestUrl = "https://data.alpaca.markets";
    return config;
}

std::string_view toString(AlertChannelKind kind) { return kind == AlertChannelKind::Email ? "email" : "webhook"; }

std::string_view toString(SmtpSecurity security)
{
    switch (security) {
    case SmtpSecurity::StartTls: return "starttls";
    case SmtpSecurity::Tls: return "tls";
    case SmtpSecurity::None: return "none";
    }
    return "starttls";
}

std::string_view toString(BotLostAction action)
{
    switch (action) {
    case BotLostAction::LeaveOrders: return "leave";
    case BotLostAction::CancelOrders: return "cancel";
    case BotLostAction::Flatten: return "flatten";
    }
    return "leave";
}

namespace {

struct UniverseEntry {
    const char *symbol;
    std::int64_t referenceCents;
    double annualVolatility;
    int meanQuoteIntervalMs;
};

// The simulator's default universe: large, liquid US names with reference prices near
// recent closes. Volatility follows each name's character (megacap staples calm, TSLA,
// NVDA and AMD wild) and the busiest names quote the most often, so the feed looks like
// a real one: a few symbols dominate the message rate.
constexpr UniverseEntry kDefaultUniverse[] = {
    {"AAPL", 22850, 0.25, 300},  {"MSFT", 41520, 0.22, 350}, {"NVDA", 13540, 0.50, 250}, {"AMZN", 19830, 0.30, 350},
    {"GOOGL", 17260, 0.28, 400}, {"META", 56010, 0.35, 400}, {"TSLA", 24580, 0.60, 250}, {"JPM", 22140, 0.22, 600},
    {"V", 28970, 0.18, 700},     {"UNH", 59030, 0.24, 800},  {"XOM", 11820, 0.25, 700},  {"JNJ", 15890, 0.15, 900},
    {"PG", 16840, 0.15, 900},    {"HD", 39210, 0.22, 900},   {"KO", 6235, 0.15, 1000},   {"PEP", 16620, 0.16, 1100},
    {"COST", 89050, 0.20, 1000}, {"WMT", 8015, 0.18, 800},   {"BAC", 4160, 0.28, 600},   {"DIS", 9640, 0.28, 900},
    {"NFLX", 69020, 0.40, 700},  {"AMD", 15230, 0.55, 300},  {"INTC", 2285, 0.45, 600},  {"CSCO", 5240, 0.20, 1200},
};

std::vector<SymbolSpec> defaultUniverse()
{
    std::vector<SymbolSpec> symbols;
    symbols.reserve(std::size(kDefaultUniverse));
    for (const UniverseEntry &entry : kDefaultUniverse)
        symbols.push_back(SymbolSpec{entry.symbol, Price::fromCents(entry.referenceCents), entry.annualVolatility,
                                     entry.meanQuoteIntervalMs});
    return symbols;
}

} // namespace

Config defaultConfig()
{
    // Everything except the universe comes from the member initialisers in Config.h, so
    // the header stays the single place where a default is written down.
    Config config;
    config.simulator.symbols = defaultUniverse();
    return config;
}

} // namespace vigil
