// Alpaca's official JavaScript SDK (tests/alpaca-sdk, pinned 4.0.2) against the real vigil:
// a headless day at 60x with the gateway on a free port and one bot whose key `vigil bot
// add` made; tests/alpaca-sdk/conformance.mjs checks account, clock, assets, orders from
// submission to cancel, the trade_updates of their whole life, positions closed one and all,
// and quotes and bars in MessagePack. Then vigil stops on SIGTERM and exits 0.
#include "GatewayRig.h"

#include <QTest>

using vigil::testing::GatewayRig;

class TestAlpacaSdk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theOfficialSdkTradesThroughTheGateway()
    {
        GatewayRig rig;
        const QString missing = rig.nodeProblem(QStringLiteral("tests/alpaca-sdk"));
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        const QString prepared = rig.prepare(QStringLiteral("sdkcheck"), QStringLiteral("sc"));
        QVERIFY2(prepared.isEmpty(), qPrintable(prepared));
        const QString started = rig.start(QStringLiteral("60"));
        QVERIFY2(started.isEmpty(), qPrintable(started));

        QProcess node;
        node.setProgram(QStringLiteral("node"));
        node.setArguments({rig.sourceDir() + QStringLiteral("/tests/alpaca-sdk/conformance.mjs")});
        node.setWorkingDirectory(rig.sourceDir() + QStringLiteral("/tests/alpaca-sdk"));
        node.setProcessEnvironment(rig.botEnvironment());
        node.setProcessChannelMode(QProcess::MergedChannels);
        node.start();
        QVERIFY2(node.waitForStarted(), qPrintable(node.errorString()));
        const bool finished = node.waitForFinished(400'000);
        if (!finished)
            node.kill();
        const QString report = QString::fromUtf8(node.readAll());
        qInfo().noquote() << report;
        QVERIFY2(finished, "conformance.mjs did not finish within 400 s");
        QVERIFY2(node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
                 qPrintable(QStringLiteral("conformance.mjs failed (exit %1):\n%2\nvigil's stderr:\n%3")
                                .arg(node.exitCode())
                                .arg(report, rig.tail(QStringLiteral("vigil.err")))));
        QVERIFY(report.contains(QLatin1String("conformance: all checks passed")));

        const QString stopped = rig.stop();
        QVERIFY2(stopped.isEmpty(), qPrintable(stopped));
    }
};

QTEST_GUILESS_MAIN(TestAlpacaSdk)
#include "tst_alpaca_sdk.moc"
