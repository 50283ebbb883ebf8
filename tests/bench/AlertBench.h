#pragma once
// vigil-bench alerts: how fast an alert reaches a person, and what alerting costs the
// engine, in one run. Real receivers on 127.0.0.1 (tests/receivers: a webhook server and
// python3-aiosmtpd), a delivery with both channels for every level, and 1,000 measured
// alerts sent into it while 10 alerts a second more come in the background: the latency
// from each alert's raise to the webhook's and the SMTP server's receipt, p50/p99/max. The
// engine's event rate is measured over whole simulated sessions, in pairs: one with the
// delivery as its alert tap while the alerts above are raised and delivered, then one with
// neither; the medians are compared (the pairs share the machine's drift).
//
// Threads: runAlertBench() on the main thread; a sender thread of its own.

namespace vigil::bench {

struct AlertBenchOptions {
    int alerts = 1'000;    ///< measured alerts
    double perSecond = 50; ///< the rate they are raised at
    double backgroundPerSecond = 10;
};

/// Prints figures and one final JSON line; 0 on success, 1 when it could not run.
int runAlertBench(const AlertBenchOptions &options);

} // namespace vigil::bench
